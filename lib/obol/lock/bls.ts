// BLS side of charon lock verification (charon cluster/lock.go VerifySignatures), per
// distributed validator plus the lock-level signature aggregate, over a lock parsed with
// lib/obol/schema. Every check reports true | false | null (null: this lock version has no such
// field) with details for display; nothing here throws on bad signatures or malformed keys.
import { bytesToHex } from "viem";
import { equalBytes } from "@noble/curves/utils.js";
import { hexBytes } from "@/lib/obol/hex";
import type { BuilderRegistration, DepositData, Lock } from "@/lib/obol/schema";
import { interpolatesTo, pureJsBls, type BlsBackend, type G1Point } from "./bls-keys";
import { decodeWithdrawalCredentials, depositDataRoot, depositMessageRoot, depositSigningRoot, type DecodedWithdrawalCredentials } from "./deposit";
import { obolVersion, withdrawalCredentialsType } from "@/lib/obol/versions";
import { registrationSigningRoot } from "./registration";

type Check = boolean | null;

export type DepositCheck = {
  pubkey: string;
  pubkey_matches: boolean;
  withdrawal_credentials: string;
  withdrawal: DecodedWithdrawalCredentials;
  /** What charon's DKG writes to the definition's address: 0x02 for a compounding cluster, else 0x01. */
  expected_withdrawal: DecodedWithdrawalCredentials;
  withdrawal_matches: boolean;
  amount_gwei: string;
  signature_valid: boolean;
  deposit_message_root: string | null;
  deposit_data_root: string | null;
  valid: boolean;
  reason: string | null;
};

type RegistrationCheck = {
  fee_recipient: string;
  fee_recipient_matches: boolean;
  gas_limit: number;
  timestamp: number;
  timestamp_iso: string | null;
  pubkey: string;
  pubkey_matches: boolean;
  signature_valid: boolean;
  reason: string | null;
};

export type DvBlsResult = {
  index: number;
  distributed_public_key: string;
  public_shares: Check;
  deposit_data: Check;
  builder_registration: Check;
  details: {
    public_shares: {
      count: number;
      threshold: number;
      /** 0-based operator index of the first share that broke the check, when known. */
      failing_share: number | null;
      reason: string | null;
    };
    deposit_data: DepositCheck[];
    deposit_data_reason: string | null;
    builder_registration: RegistrationCheck | null;
    builder_registration_reason: string | null;
  };
};

export type LockBlsResult = {
  version: string;
  signature_aggregate: Check;
  validators: DvBlsResult[];
  details: { signature_aggregate: { public_share_count: number; reason: string | null } };
  /** True iff no check is false (null checks do not count against the lock). */
  valid: boolean;
};

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  return a !== null && b !== null && equalBytes(a, b);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The key's point, or why it is no valid public key. */
function publicKeyPoint(bls: BlsBackend, key: Uint8Array): { point: G1Point } | { reason: string } {
  try {
    return { point: bls.publicKey(key) };
  } catch (err) {
    return { reason: errorMessage(err) };
  }
}

function signatureFailure(bls: BlsBackend, dvKey: Uint8Array): string {
  const key = publicKeyPoint(bls, dvKey);
  return "reason" in key ? `distributed public key is invalid (${key.reason})` : "signature does not verify against the distributed public key";
}

type SharesOutcome = DvBlsResult["details"]["public_shares"] & { valid: boolean };

/**
 * charon's verifySharesReconstruct: the first t shares (indices 1..t) interpolate to the DV key,
 * then each extra share with the first t-1 does too — together this puts every share on one
 * degree t-1 polynomial, i.e. every t-subset reconstructs the key.
 */
function checkPublicShares(bls: BlsBackend, dvKey: Uint8Array, shares: string[], threshold: number): SharesOutcome {
  const base = { count: shares.length, threshold };
  const fail = (reason: string, failing_share: number | null = null): SharesOutcome => ({ ...base, failing_share, reason, valid: false });
  const key = publicKeyPoint(bls, dvKey);
  if ("reason" in key) return fail(`distributed public key: ${key.reason}`);
  if (threshold < 1 || threshold > shares.length) return fail(`invalid threshold ${threshold} for ${shares.length} shares`);

  const points: G1Point[] = [];
  const seen = new Set<string>();
  for (const [i, share] of shares.entries()) {
    const parsed = publicKeyPoint(bls, hexBytes(share));
    if ("reason" in parsed) return fail(`share ${i}: ${parsed.reason}`, i);
    const id = share.toLowerCase();
    if (seen.has(id)) return fail(`share ${i} duplicates an earlier share`, i);
    seen.add(id);
    points.push(parsed.point);
  }

  const first = new Map(points.slice(0, threshold).map((p, k) => [k + 1, p] as const));
  if (!interpolatesTo(first, key.point)) return fail(`shares 0..${threshold - 1} do not reconstruct the distributed public key`);
  for (let i = threshold; i < points.length; i++) {
    const subset = new Map(points.slice(0, threshold - 1).map((p, k) => [k + 1, p] as const));
    subset.set(i + 1, points[i]);
    if (!interpolatesTo(subset, key.point)) return fail(`share ${i} does not lie on the distributed key's polynomial`, i);
  }
  return { ...base, failing_share: null, reason: null, valid: true };
}

/** charon serialises an unset deposit as empty hex fields and amount "0" (e.g. launchpad v1.7 locks). */
function isEmptyDeposit(d: DepositData): boolean {
  return d.pubkey === "" && d.withdrawal_credentials === "" && d.signature === "" && BigInt(d.amount) === 0n;
}

async function checkDeposit(
  bls: BlsBackend,
  d: DepositData,
  dvKey: Uint8Array,
  expected: DecodedWithdrawalCredentials,
  forkVersion: Uint8Array,
): Promise<DepositCheck> {
  const pubkey = hexBytes(d.pubkey);
  const creds = hexBytes(d.withdrawal_credentials);
  const signature = hexBytes(d.signature);
  const amountGwei = BigInt(d.amount);
  const withdrawal = decodeWithdrawalCredentials(creds);
  const pubkey_matches = sameBytes(pubkey, dvKey);
  const withdrawal_matches = withdrawal.type === expected.type && withdrawal.address === expected.address;

  let roots: { message: Uint8Array; data: Uint8Array } | null = null;
  let signature_valid = false;
  let reason: string | null = null;
  if (pubkey.length !== 48 || creds.length !== 32 || signature.length !== 96) {
    reason = "malformed pubkey, withdrawal credentials or signature";
  } else if (amountGwei >= 2n ** 64n) {
    reason = `amount ${d.amount} is not a uint64`;
  } else {
    const msg = { pubkey, withdrawalCredentials: creds, amountGwei };
    roots = { message: depositMessageRoot(msg), data: depositDataRoot({ ...msg, signature }) };
    signature_valid = await bls.verify(dvKey, depositSigningRoot(msg, forkVersion), signature);
    if (!signature_valid) reason = signatureFailure(bls, dvKey);
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
    amount_gwei: amountGwei.toString(),
    signature_valid,
    deposit_message_root: roots ? bytesToHex(roots.message) : null,
    deposit_data_root: roots ? bytesToHex(roots.data) : null,
    valid: reason === null,
    reason,
  };
}

function isEmptyRegistration(r: BuilderRegistration | undefined): r is undefined {
  // charon treats a registration without signature, fee recipient or pubkey as absent.
  return !r || r.signature === "" || r.message.fee_recipient === "" || r.message.pubkey === "";
}

async function checkRegistration(
  bls: BlsBackend,
  r: BuilderRegistration,
  dvKey: Uint8Array,
  feeRecipient: string,
  forkVersion: Uint8Array,
): Promise<RegistrationCheck> {
  const { message } = r;
  const fee = hexBytes(message.fee_recipient);
  const pubkey = hexBytes(message.pubkey);
  const signature = hexBytes(r.signature);
  const pubkey_matches = sameBytes(pubkey, dvKey);
  // charon verifies over the definition's fee recipient, so the message must carry exactly it.
  const fee_recipient_matches = sameBytes(fee, hexBytes(feeRecipient));
  const timestampOk = Number.isSafeInteger(message.timestamp);

  let signature_valid = false;
  let reason: string | null = null;
  if (fee.length !== 20 || pubkey.length !== 48 || signature.length !== 96) {
    reason = "malformed fee recipient, pubkey or signature";
  } else if (!Number.isSafeInteger(message.gas_limit) || !timestampOk) {
    reason = "gas_limit or timestamp is not a safe integer";
  } else {
    const msg = { feeRecipient: fee, gasLimit: BigInt(message.gas_limit), timestamp: BigInt(message.timestamp), pubkey };
    signature_valid = await bls.verify(dvKey, registrationSigningRoot(msg, forkVersion), signature);
    if (!signature_valid) reason = signatureFailure(bls, dvKey);
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

async function verifyAggregate(bls: BlsBackend, shares: string[], signatureHex: string, lockHash: Uint8Array): Promise<{ valid: boolean; reason: string | null }> {
  // charon rejects an empty aggregate for every version from v1.2.
  if (signatureHex === "") return { valid: false, reason: "empty signature_aggregate" };
  const signature = hexBytes(signatureHex);
  if (signature.length !== 96) return { valid: false, reason: "signature_aggregate is not 96 bytes of hex" };
  const keys = shares.map(hexBytes);
  for (const [i, key] of keys.entries()) {
    const parsed = publicKeyPoint(bls, key);
    if ("reason" in parsed) return { valid: false, reason: `public share ${i} (across all validators): ${parsed.reason}` };
  }
  if (keys.length === 0) return { valid: false, reason: "no public shares" };
  const valid = await bls.fastAggregateVerify(keys, lockHash, signature);
  return { valid, reason: valid ? null : "aggregate signature does not verify over the lock hash" };
}

/**
 * Verifies the BLS material of a cluster lock (each version lib/obol/versions lists) whose shape
 * lib/obol/lock/shape accepted: the counts of validators and shares are checked there only.
 * `lockHash` is the message of signature_aggregate; the caller supplies it (normally the
 * recomputed SSZ lock hash). `bls` does the curve work: pure JS by default, native on the server
 * (lib/locks/native-bls).
 *
 * - public_shares: valid shares, no duplicates, all on the DV key's polynomial.
 * - deposit_data: `deposit_data`, or `partial_deposit_data` where the version's layout has them; null when absent/empty.
 *   charon itself does not re-verify these when loading a lock; we do, as obol-sdk does.
 * - builder_registration: where the layout has one, a missing one is false (as in charon); else null.
 * - signature_aggregate: FastAggregateVerify of all DVs' public shares over the lock hash.
 */
export async function verifyLockBls(lock: Lock, lockHash: Uint8Array, bls: BlsBackend = pureJsBls): Promise<LockBlsResult> {
  const def = lock.cluster_definition;
  const layout = obolVersion(def.version).lock;
  const forkVersion = hexBytes(def.fork_version);
  const seenKeys = new Set<string>();

  const allShares = lock.distributed_validators.flatMap((dv) => dv.public_shares);
  // Every signature check is started before any is awaited, so a backend may verify them together.
  const aggregateCheck = verifyAggregate(bls, allShares, lock.signature_aggregate, lockHash);
  const duplicateKey = lock.distributed_validators.map((dv) => {
    const keyId = dv.distributed_public_key.toLowerCase();
    const earlier = seenKeys.has(keyId);
    seenKeys.add(keyId);
    return earlier;
  });

  const validators = await Promise.all(lock.distributed_validators.map(async (dv, index): Promise<DvBlsResult> => {
    const dvKey = hexBytes(dv.distributed_public_key);
    const defValidator = def.validators[index];

    let shares = checkPublicShares(bls, dvKey, dv.public_shares, def.threshold);
    if (duplicateKey[index]) shares = { ...shares, valid: false, reason: "distributed public key duplicates an earlier validator" };

    const deposits = layout.partialDeposits ? dv.partial_deposit_data : dv.deposit_data ? [dv.deposit_data] : [];
    const populated = deposits.filter((d) => !isEmptyDeposit(d));
    let depositChecks: Promise<DepositCheck[]> = Promise.resolve([]);
    let depositReason: string | null = null;
    if (populated.length === 0) {
      depositReason = "deposit data not populated";
    } else if (!defValidator) {
      depositReason = `definition has no validator ${index}`;
    } else {
      const expectedAddress = hexBytes(defValidator.withdrawal_address);
      const expected = {
        type: withdrawalCredentialsType(def),
        address: expectedAddress.length === 20 ? bytesToHex(expectedAddress) : null,
      };
      depositChecks = Promise.all(populated.map((d) => checkDeposit(bls, d, dvKey, expected, forkVersion)));
    }

    let registrationCheck: Promise<RegistrationCheck> | null = null;
    let registrationValid: boolean | null = null;
    let registrationReason: string | null = null;
    const givenRegistration = dv.builder_registration;
    if (!layout.builderRegistration) {
      registrationValid = isEmptyRegistration(givenRegistration) ? null : false;
      registrationReason = registrationValid === null ? "lock version has no builder registration" : `unexpected builder registration in a ${def.version} lock`;
    } else if (isEmptyRegistration(givenRegistration)) {
      registrationValid = false;
      registrationReason = "missing builder registration";
    } else if (!defValidator) {
      registrationValid = false;
      registrationReason = `definition has no validator ${index}`;
    } else {
      registrationCheck = checkRegistration(bls, givenRegistration, dvKey, defValidator.fee_recipient_address, forkVersion);
    }
    const [deposited, registration] = await Promise.all([depositChecks, registrationCheck]);
    const depositValid = populated.length === 0 ? null : deposited.length > 0 && deposited.every((c) => c.valid);
    if (registration) {
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
        deposit_data: deposited,
        deposit_data_reason: depositReason ?? deposited.find((c) => c.reason)?.reason ?? null,
        builder_registration: registration,
        builder_registration_reason: registrationReason,
      },
    };
  }));

  const aggregate = await aggregateCheck;

  return {
    version: def.version,
    signature_aggregate: aggregate.valid,
    validators,
    details: { signature_aggregate: { public_share_count: allShares.length, reason: aggregate.reason } },
    valid: aggregate.valid !== false && validators.every((v) => v.public_shares !== false && v.deposit_data !== false && v.builder_registration !== false),
  };
}
