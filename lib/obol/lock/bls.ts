// BLS side of charon lock verification (charon cluster/lock.go VerifySignatures), per
// distributed validator plus the lock-level signature aggregate. Every check reports
// true | false | null (null: this lock version has no such field) with details for display;
// nothing here throws on bad signatures or malformed hex.
import { bytesToHex } from "viem";
import { z } from "zod";
import { fastAggregateVerify, parsePublicKey, recoverPublicKey, verify } from "./bls-keys";
import {
  DecodedWithdrawalCredentialsSchema,
  decodeWithdrawalCredentials,
  depositDataRoot,
  depositMessageRoot,
  depositSigningRoot,
} from "./deposit";
import { registrationSigningRoot } from "./registration";
import { equalBytes } from "@noble/curves/utils.js";

// Minimal view of a lock: only what the BLS checks read. Unknown fields are ignored.
const hexString = z.string();
const amount = z.union([z.string(), z.number()]);

const DepositDataJsonSchema = z.object({
  pubkey: hexString,
  withdrawal_credentials: hexString,
  amount,
  signature: hexString,
});

const BuilderRegistrationJsonSchema = z.object({
  message: z.object({
    fee_recipient: hexString,
    gas_limit: z.number(),
    timestamp: z.number(),
    pubkey: hexString,
  }),
  signature: hexString,
});

const LockBlsInputSchema = z.object({
  cluster_definition: z.object({
    version: z.string(),
    threshold: z.number().int(),
    fork_version: hexString,
    operators: z.array(z.unknown()),
    validators: z.array(z.object({ fee_recipient_address: hexString, withdrawal_address: hexString })),
    compounding: z.boolean().optional(),
  }),
  distributed_validators: z.array(
    z.object({
      distributed_public_key: hexString,
      public_shares: z.array(hexString).nullish(),
      deposit_data: DepositDataJsonSchema.nullish(),
      partial_deposit_data: z.array(DepositDataJsonSchema).nullish(),
      builder_registration: BuilderRegistrationJsonSchema.nullish(),
    }),
  ),
  signature_aggregate: hexString.nullish(),
});

const Check = z.boolean().nullable();

export const DepositCheckSchema = z.object({
  pubkey: z.string(),
  pubkey_matches: z.boolean(),
  withdrawal_credentials: z.string(),
  withdrawal: DecodedWithdrawalCredentialsSchema,
  /** What charon's DKG writes: 0x02 for a v1.10 compounding cluster, else 0x01, to the definition's address. */
  expected_withdrawal: DecodedWithdrawalCredentialsSchema,
  withdrawal_matches: z.boolean(),
  amount_gwei: z.string(),
  signature_valid: z.boolean(),
  deposit_message_root: z.string().nullable(),
  deposit_data_root: z.string().nullable(),
  valid: z.boolean(),
  reason: z.string().nullable(),
});
export type DepositCheck = z.infer<typeof DepositCheckSchema>;

export const RegistrationCheckSchema = z.object({
  fee_recipient: z.string(),
  fee_recipient_matches: z.boolean(),
  gas_limit: z.number(),
  timestamp: z.number(),
  timestamp_iso: z.string().nullable(),
  pubkey: z.string(),
  pubkey_matches: z.boolean(),
  signature_valid: z.boolean(),
  reason: z.string().nullable(),
});
type RegistrationCheck = z.infer<typeof RegistrationCheckSchema>;

export const DvBlsResultSchema = z.object({
  index: z.number(),
  distributed_public_key: z.string(),
  public_shares: Check,
  deposit_data: Check,
  builder_registration: Check,
  details: z.object({
    public_shares: z.object({
      count: z.number(),
      threshold: z.number(),
      /** 0-based operator index of the first share that broke the check, when known. */
      failing_share: z.number().nullable(),
      reason: z.string().nullable(),
    }),
    deposit_data: z.array(DepositCheckSchema),
    deposit_data_reason: z.string().nullable(),
    builder_registration: RegistrationCheckSchema.nullable(),
    builder_registration_reason: z.string().nullable(),
  }),
});
export type DvBlsResult = z.infer<typeof DvBlsResultSchema>;

export const LockBlsResultSchema = z.object({
  version: z.string(),
  signature_aggregate: Check,
  validators: z.array(DvBlsResultSchema),
  details: z.object({
    signature_aggregate: z.object({ public_share_count: z.number(), reason: z.string().nullable() }),
  }),
  /** True iff no check is false (null checks do not count against the lock). */
  valid: z.boolean(),
});
export type LockBlsResult = z.infer<typeof LockBlsResultSchema>;

/** Decodes 0x-hex (charon also accepts bare hex); null when malformed. */
function bytes(hex: string): Uint8Array | null {
  const body = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) return null;
  return Uint8Array.from(body.match(/../g) ?? [], (b) => parseInt(b, 16));
}

function signatureFailure(dvKey: Uint8Array | null): string {
  try {
    if (dvKey === null) throw new Error("not hex");
    parsePublicKey(dvKey);
  } catch (err) {
    return `distributed public key is invalid (${errorMessage(err)})`;
  }
  return "signature does not verify against the distributed public key";
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  return a !== null && b !== null && equalBytes(a, b);
}

function minorVersion(version: string): number {
  const m = /^v1\.(\d+)\.\d+$/.exec(version);
  if (!m) throw new Error(`unsupported lock version ${version}`);
  return Number(m[1]);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

type SharesOutcome = DvBlsResult["details"]["public_shares"] & { valid: boolean };

/**
 * charon's verifySharesReconstruct: the first t shares (indices 1..t) interpolate to the DV key,
 * then each extra share with the first t-1 does too — together this puts every share on one
 * degree t-1 polynomial, i.e. every t-subset reconstructs the key.
 */
function checkPublicShares(dvKey: Uint8Array | null, shares: string[], threshold: number, operators: number): SharesOutcome {
  const base = { count: shares.length, threshold };
  const fail = (reason: string, failing_share: number | null = null): SharesOutcome => ({
    ...base,
    failing_share,
    reason,
    valid: false,
  });
  if (dvKey === null) return fail("distributed public key is not hex");
  try {
    parsePublicKey(dvKey);
  } catch (err) {
    return fail(`distributed public key: ${errorMessage(err)}`);
  }
  if (shares.length !== operators) return fail(`expected ${operators} public shares (one per operator), got ${shares.length}`);
  if (threshold < 1 || threshold > shares.length) return fail(`invalid threshold ${threshold} for ${shares.length} shares`);

  const parsed: Uint8Array[] = [];
  const seen = new Set<string>();
  for (const [i, share] of shares.entries()) {
    const raw = bytes(share);
    if (raw === null) return fail(`share ${i} is not hex`, i);
    try {
      parsePublicKey(raw);
    } catch (err) {
      return fail(`share ${i}: ${errorMessage(err)}`, i);
    }
    const key = share.toLowerCase();
    if (seen.has(key)) return fail(`share ${i} duplicates an earlier share`, i);
    seen.add(key);
    parsed.push(raw);
  }

  const first = new Map(parsed.slice(0, threshold).map((s, k) => [k + 1, s] as const));
  if (!sameBytes(recoverPublicKey(first), dvKey)) {
    return fail(`shares 0..${threshold - 1} do not reconstruct the distributed public key`);
  }
  for (let i = threshold; i < parsed.length; i++) {
    const subset = new Map(parsed.slice(0, threshold - 1).map((s, k) => [k + 1, s] as const));
    subset.set(i + 1, parsed[i]);
    if (!sameBytes(recoverPublicKey(subset), dvKey)) {
      return fail(`share ${i} does not lie on the distributed key's polynomial`, i);
    }
  }
  return { ...base, failing_share: null, reason: null, valid: true };
}

/** charon serialises an unset deposit as empty hex fields and amount "0" (e.g. launchpad v1.7 locks). */
function isEmptyDeposit(d: z.infer<typeof DepositDataJsonSchema>): boolean {
  return d.pubkey === "" && d.withdrawal_credentials === "" && d.signature === "" && String(d.amount) === "0";
}

function checkDeposit(
  d: z.infer<typeof DepositDataJsonSchema>,
  dvKey: Uint8Array | null,
  expected: z.infer<typeof DecodedWithdrawalCredentialsSchema>,
  forkVersion: Uint8Array | null,
): DepositCheck {
  const pubkey = bytes(d.pubkey);
  const creds = bytes(d.withdrawal_credentials);
  const signature = bytes(d.signature);
  let amountGwei: bigint | null = null;
  try {
    amountGwei = BigInt(d.amount);
  } catch {
    // Reported below as a malformed amount.
  }
  const withdrawal = creds ? decodeWithdrawalCredentials(creds) : { type: "invalid" as const, address: null };
  const pubkey_matches = sameBytes(pubkey, dvKey);
  const withdrawal_matches = withdrawal.type === expected.type && withdrawal.address === expected.address;

  let roots: { message: Uint8Array; data: Uint8Array } | null = null;
  let signature_valid = false;
  let reason: string | null = null;
  if (!pubkey || pubkey.length !== 48 || !creds || creds.length !== 32 || !signature || signature.length !== 96) {
    reason = "malformed pubkey, withdrawal credentials or signature";
  } else if (amountGwei === null || amountGwei < 0n || amountGwei >= 2n ** 64n) {
    reason = `amount ${d.amount} is not a uint64`;
  } else if (!forkVersion || forkVersion.length !== 4) {
    reason = "malformed definition fork_version";
  } else {
    const msg = { pubkey, withdrawalCredentials: creds, amountGwei };
    roots = { message: depositMessageRoot(msg), data: depositDataRoot({ ...msg, signature }) };
    signature_valid = dvKey !== null && verify(dvKey, depositSigningRoot(msg, forkVersion), signature);
    if (!signature_valid) reason = signatureFailure(dvKey);
  }
  if (reason === null && !pubkey_matches) reason = "pubkey differs from the distributed public key";
  if (reason === null && !withdrawal_matches) {
    reason = `withdrawal credentials ${withdrawal.type} ${withdrawal.address} differ from expected ${expected.type} ${expected.address}`;
  }
  return {
    pubkey: d.pubkey,
    pubkey_matches,
    withdrawal_credentials: d.withdrawal_credentials,
    withdrawal,
    expected_withdrawal: expected,
    withdrawal_matches,
    amount_gwei: amountGwei === null ? String(d.amount) : amountGwei.toString(),
    signature_valid,
    deposit_message_root: roots ? bytesToHex(roots.message) : null,
    deposit_data_root: roots ? bytesToHex(roots.data) : null,
    valid: reason === null,
    reason,
  };
}

function isEmptyRegistration(r: z.infer<typeof BuilderRegistrationJsonSchema> | null | undefined): boolean {
  // charon treats a registration without signature, fee recipient or pubkey as absent.
  return !r || r.signature === "" || r.message.fee_recipient === "" || r.message.pubkey === "";
}

function checkRegistration(
  r: z.infer<typeof BuilderRegistrationJsonSchema>,
  dvKey: Uint8Array | null,
  feeRecipient: string,
  forkVersion: Uint8Array | null,
): RegistrationCheck {
  const { message } = r;
  const fee = bytes(message.fee_recipient);
  const pubkey = bytes(message.pubkey);
  const signature = bytes(r.signature);
  const pubkey_matches = sameBytes(pubkey, dvKey);
  // charon verifies over the definition's fee recipient, so the message must carry exactly it.
  const fee_recipient_matches = sameBytes(fee, bytes(feeRecipient));
  const timestampOk = Number.isSafeInteger(message.timestamp) && message.timestamp >= 0;

  let signature_valid = false;
  let reason: string | null = null;
  if (!fee || fee.length !== 20 || !pubkey || pubkey.length !== 48 || !signature || signature.length !== 96) {
    reason = "malformed fee recipient, pubkey or signature";
  } else if (!Number.isSafeInteger(message.gas_limit) || message.gas_limit < 0 || !timestampOk) {
    reason = "gas_limit or timestamp is not a non-negative integer";
  } else if (!forkVersion || forkVersion.length !== 4) {
    reason = "malformed definition fork_version";
  } else {
    const msg = {
      feeRecipient: fee,
      gasLimit: BigInt(message.gas_limit),
      timestamp: BigInt(message.timestamp),
      pubkey,
    };
    signature_valid = dvKey !== null && verify(dvKey, registrationSigningRoot(msg, forkVersion), signature);
    if (!signature_valid) reason = signatureFailure(dvKey);
  }
  if (reason === null && !pubkey_matches) reason = "pubkey differs from the distributed public key";
  if (reason === null && !fee_recipient_matches) reason = "fee recipient differs from the definition's fee_recipient_address";
  return {
    fee_recipient: message.fee_recipient,
    fee_recipient_matches,
    gas_limit: message.gas_limit,
    timestamp: message.timestamp,
    timestamp_iso: timestampOk ? new Date(message.timestamp * 1000).toISOString() : null,
    pubkey: message.pubkey,
    pubkey_matches,
    signature_valid,
    reason,
  };
}

/**
 * Verifies the BLS material of a cluster lock (versions v1.6 to v1.10; `lock` is parsed with
 * LockBlsInputSchema, extra fields ignored). `lockHash` is the message of signature_aggregate;
 * the caller supplies it (normally the recomputed SSZ lock hash).
 *
 * - public_shares: one valid share per operator, no duplicates, all on the DV key's polynomial.
 * - deposit_data: v1.6/v1.7 `deposit_data`, v1.8+ `partial_deposit_data`; null when absent/empty.
 *   charon itself does not re-verify these when loading a lock; we do, as obol-sdk does.
 * - builder_registration: v1.7+; a missing one is false (as in charon), null before v1.7.
 * - signature_aggregate: FastAggregateVerify of all DVs' public shares over the lock hash.
 */
export function verifyLockBls(lock: unknown, lockHash: Uint8Array): LockBlsResult {
  const parsed = LockBlsInputSchema.parse(lock);
  const def = parsed.cluster_definition;
  const minor = minorVersion(def.version);
  const forkVersion = bytes(def.fork_version);
  const seenKeys = new Set<string>();

  const validators = parsed.distributed_validators.map((dv, index): DvBlsResult => {
    const dvKey = bytes(dv.distributed_public_key);
    const defValidator = def.validators[index];

    let shares = checkPublicShares(dvKey, dv.public_shares ?? [], def.threshold, def.operators.length);
    const keyId = dv.distributed_public_key.toLowerCase();
    if (seenKeys.has(keyId)) {
      shares = { ...shares, valid: false, reason: "distributed public key duplicates an earlier validator" };
    }
    seenKeys.add(keyId);

    const deposits = minor >= 8 ? (dv.partial_deposit_data ?? []) : minor >= 6 && dv.deposit_data ? [dv.deposit_data] : [];
    const populated = deposits.filter((d) => !isEmptyDeposit(d));
    let depositChecks: DepositCheck[] = [];
    let depositReason: string | null = null;
    if (populated.length === 0) {
      depositReason = minor < 6 ? "lock version has no deposit data" : "deposit data not populated";
    } else if (!defValidator) {
      depositReason = `definition has no validator ${index}`;
    } else {
      const expectedAddress = bytes(defValidator.withdrawal_address);
      const expected = {
        type: minor >= 10 && def.compounding ? ("0x02" as const) : ("0x01" as const),
        address: expectedAddress && expectedAddress.length === 20 ? bytesToHex(expectedAddress) : null,
      };
      depositChecks = populated.map((d) => checkDeposit(d, dvKey, expected, forkVersion));
    }
    const depositValid =
      populated.length === 0 ? null : depositChecks.length > 0 && depositChecks.every((c) => c.valid);

    let registration: RegistrationCheck | null = null;
    let registrationValid: boolean | null = null;
    let registrationReason: string | null = null;
    const hasRegistration = !isEmptyRegistration(dv.builder_registration);
    if (minor < 7) {
      registrationValid = hasRegistration ? false : null;
      registrationReason = hasRegistration ? "unexpected builder registration before v1.7" : "lock version has no builder registration";
    } else if (!hasRegistration || !dv.builder_registration) {
      registrationValid = false;
      registrationReason = "missing builder registration";
    } else if (!defValidator) {
      registrationValid = false;
      registrationReason = `definition has no validator ${index}`;
    } else {
      registration = checkRegistration(dv.builder_registration, dvKey, defValidator.fee_recipient_address, forkVersion);
      registrationValid = registration.reason === null;
      registrationReason = registration.reason;
    }

    const { valid: sharesValid, ...sharesDetail } = shares;
    return {
      index,
      distributed_public_key: dv.distributed_public_key,
      public_shares: sharesValid,
      deposit_data: depositValid,
      builder_registration: registrationValid,
      details: {
        public_shares: sharesDetail,
        deposit_data: depositChecks,
        deposit_data_reason: depositReason ?? depositChecks.find((c) => c.reason)?.reason ?? null,
        builder_registration: registration,
        builder_registration_reason: registrationReason,
      },
    };
  });

  const allShares = parsed.distributed_validators.flatMap((dv) => dv.public_shares ?? []);
  const aggregate = verifyAggregate(allShares, parsed.signature_aggregate ?? "", lockHash);

  return {
    version: def.version,
    signature_aggregate: aggregate.valid,
    validators,
    details: { signature_aggregate: { public_share_count: allShares.length, reason: aggregate.reason } },
    valid:
      aggregate.valid !== false &&
      validators.every((v) => v.public_shares !== false && v.deposit_data !== false && v.builder_registration !== false),
  };
}

function verifyAggregate(shares: string[], signatureHex: string, lockHash: Uint8Array): { valid: boolean; reason: string | null } {
  // charon rejects an empty aggregate for every version from v1.2.
  if (signatureHex === "" || signatureHex === "0x") return { valid: false, reason: "empty signature_aggregate" };
  const signature = bytes(signatureHex);
  if (!signature || signature.length !== 96) return { valid: false, reason: "signature_aggregate is not 96 bytes of hex" };
  const keys: Uint8Array[] = [];
  for (const [i, share] of shares.entries()) {
    const raw = bytes(share);
    try {
      if (raw === null) throw new Error("not hex");
      parsePublicKey(raw);
    } catch (err) {
      return { valid: false, reason: `public share ${i} (across all validators): ${errorMessage(err)}` };
    }
    keys.push(raw);
  }
  if (keys.length === 0) return { valid: false, reason: "no public shares" };
  const valid = fastAggregateVerify(keys, lockHash, signature);
  return { valid, reason: valid ? null : "aggregate signature does not verify over the lock hash" };
}
