// A test DKG: what `charon dkg` produces for a fully signed definition, without the network
// ceremony. One process holds every operator's key share, so each step charon spreads over the
// peers (partial signatures, exchange, threshold aggregation) runs here in a loop:
// charon dkg/dkg.go signAndAggDepositData, signAndAggValidatorRegistrations, signAndAggLockHash
// and nodesigs.go. The output is a cluster-lock.json in charon's JSON layout for the definition's
// version that passes lib/obol/verify like a real charon lock.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, getAddress, hexToBytes, type Address, type Hex } from "viem";
import type { z } from "zod";
import { parseEnr } from "@/lib/obol/enr";
import { aggregateSignatures, secretToPublicKey, sign, thresholdAggregate } from "@/lib/obol/lock/bls-keys";
import { depositAmountsGwei, withdrawalCredentials } from "@/lib/obol/lock/deposit";
import { registrationSigningRoot } from "@/lib/obol/lock/registration";
import { lockSchema, type Definition, type Lock } from "@/lib/obol/schema";
import { lockHash } from "@/lib/obol/ssz";
import { verifyDefinition } from "@/lib/obol/verify";
import { obolVersion, registrationGasLimit, withdrawalCredentialsType } from "@/lib/obol/versions";
import { signedDeposits } from "./deposits";
import { keyBytes } from "./enr";
import { validatorKey, type ValidatorKey } from "./keys";
import { genesisTimestamp } from "./networks";

export { operatorEnr, type EnrEndpoint } from "./enr";
export { depositAmountsGwei } from "@/lib/obol/lock/deposit";
export { registerOperator } from "./registration";
export { genesisTimestamp } from "./networks";
export type { ValidatorKey } from "./keys";

/** A lock as charon writes it (input side of the schema: hex strings, Gwei as decimal strings). */
export type LockJson = z.input<typeof lockSchema>;
type DistributedValidatorJson = NonNullable<LockJson["distributed_validators"]>[number];
type BuilderRegistrationJson = NonNullable<DistributedValidatorJson["builder_registration"]>;


export interface TestDkgOptions {
  /** A complete definition: the creator's and every operator's signatures and ENRs. */
  definition: Definition;
  /** Each operator's charon ENR secp256k1 private key, in operator order. */
  operatorKeys: readonly (Hex | Uint8Array)[];
  /** Makes the validator keys (and so the whole lock) reproducible; random when omitted. */
  seed?: string | Uint8Array;
  /** Deposit to this address instead of the definition's (a lock that disagrees, for mismatch tests). */
  withdrawalAddress?: Address;
  /** Register this fee recipient instead of the definition's (as above). */
  feeRecipient?: Address;
  /** Builder registration time; default: the genesis time of the definition's fork, as charon. */
  registrationTimestamp?: number;
  /** Skip checking the definition's hashes and signatures first (charon dkg --no-verify). */
  noVerify?: boolean;
}

export interface TestDkgResult {
  /** cluster-lock.json exactly as charon lays it out: write it with JSON.stringify. */
  json: LockJson;
  /** The same lock parsed, for lib/obol. */
  lock: Lock;
  /** Per validator: the key and the operators' secret shares (what charon writes as keystores). */
  keys: ValidatorKey[];
}

async function checkDefinition(def: Definition, operatorKeys: readonly (Hex | Uint8Array)[], noVerify: boolean) {
  if (operatorKeys.length !== def.operators.length) {
    throw new Error(`${operatorKeys.length} operator keys for ${def.operators.length} operators`);
  }
  def.operators.forEach((op, i) => {
    const enr = parseEnr(op.enr);
    if (!enr.ok) throw new Error(`operator ${i} has no valid ENR (${enr.reason}); the DKG needs a complete definition`);
    const key = bytesToHex(secp256k1.getPublicKey(keyBytes(operatorKeys[i]), true));
    if (enr.enr.publicKey !== key) throw new Error(`operator key ${i} is not the key of operator ${i}'s ENR`);
  });
  if (noVerify) return;
  const r = await verifyDefinition(def);
  if (!r.complete) throw new Error("the definition is not fully signed");
  if (!r.ok) {
    const failed = [
      ...(["config_hash", "definition_hash"] as const).filter((k) => !r[k].ok),
      ...(r.creator_signature === false ? ["creator signature"] : []),
      ...r.operator_config_signatures.flatMap((s, i) => (s === false ? [`operator ${i} config signature`] : [])),
      ...r.enr_signatures.flatMap((s, i) => (s === false ? [`operator ${i} ENR signature`] : [])),
      ...r.problems,
    ];
    throw new Error(`the definition does not verify: ${failed.join("; ")}`);
  }
}

/** Every operator signs with its share, then the partials combine as charon's tbls.ThresholdAggregate. */
function thresholdSign(shares: Uint8Array[], message: Uint8Array): Uint8Array {
  return thresholdAggregate(new Map(shares.map((share, k) => [k + 1, sign(share, message)])));
}

/** charon k1util.Sign: 65 bytes r || s || recovery id (0 or 1) over the raw 32-byte hash. */
function nodeSignature(key: Uint8Array, hash: Uint8Array): Hex {
  const sig = secp256k1.sign(hash, key, { prehash: false, format: "recovered" });
  return bytesToHex(Uint8Array.from([...sig.subarray(1), sig[0]]));
}

/** Runs the test DKG; throws where charon's DKG would refuse to start. */
export async function runTestDkg(options: TestDkgOptions): Promise<TestDkgResult> {
  const { definition: def, operatorKeys } = options;
  // What the lock carries, laid out as charon marshals it (cluster/lock.go, distvalidator.go).
  const layout = obolVersion(def.version).lock;
  await checkDefinition(def, operatorKeys, options.noVerify ?? false);

  const forkVersion = hexToBytes(def.fork_version);
  const seed =
    options.seed === undefined
      ? crypto.getRandomValues(new Uint8Array(32))
      : typeof options.seed === "string"
        ? new TextEncoder().encode(options.seed)
        : options.seed;
  const amounts = depositAmountsGwei(def);
  const gasLimit = registrationGasLimit(def);
  const timestamp = options.registrationTimestamp ?? genesisTimestamp(def.fork_version);
  const credentialsType = withdrawalCredentialsType(def);

  const keys = def.validators.map((_, i) => validatorKey(seed, i, def.operators.length, def.threshold));
  const distributed_validators = def.validators.map((addresses, i): DistributedValidatorJson => {
    const { secretKey, secretShares } = keys[i];
    const pubkey = secretToPublicKey(secretKey);
    const creds = withdrawalCredentials(getAddress(options.withdrawalAddress ?? addresses.withdrawal_address), credentialsType);

    const deposits = signedDeposits(pubkey, creds, amounts, forkVersion, (root) => bytesToHex(thresholdSign(secretShares, root)));

    const feeRecipient = getAddress(options.feeRecipient ?? addresses.fee_recipient_address);
    const registration = { feeRecipient: hexToBytes(feeRecipient), gasLimit: BigInt(gasLimit), timestamp: BigInt(timestamp), pubkey };
    const withRegistration: { builder_registration?: BuilderRegistrationJson } = layout.builderRegistration
      ? {
          builder_registration: {
            // charon writes the fee recipient as lowercase hex (its ethHex JSON encoding).
            message: { fee_recipient: feeRecipient.toLowerCase(), gas_limit: gasLimit, timestamp, pubkey: bytesToHex(pubkey) },
            signature: bytesToHex(thresholdSign(secretShares, registrationSigningRoot(registration, forkVersion))),
          },
        }
      : {};

    const head = { distributed_public_key: bytesToHex(pubkey), public_shares: secretShares.map((s) => bytesToHex(secretToPublicKey(s))) };
    if (layout.partialDeposits) return { ...head, ...withRegistration, partial_deposit_data: deposits };
    return { ...head, deposit_data: deposits[0], ...withRegistration };
  });

  const unsigned = { cluster_definition: def, distributed_validators };
  const hash = lockHash(lockSchema.parse({ ...unsigned, lock_hash: `0x${"00".repeat(32)}` }));
  const hashBytes = hexToBytes(hash);

  // charon aggregates every share's signature of the lock hash, across all validators.
  const signature_aggregate = bytesToHex(aggregateSignatures(keys.flatMap((k) => k.secretShares.map((s) => sign(s, hashBytes)))));
  const json: LockJson = {
    ...unsigned,
    signature_aggregate,
    lock_hash: hash,
    ...(layout.nodeSignatures ? { node_signatures: operatorKeys.map((k) => nodeSignature(keyBytes(k), hashBytes)) } : {}),
  };
  return { json, lock: lockSchema.parse(json), keys };
}
