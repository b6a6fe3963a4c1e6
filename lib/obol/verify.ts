// Every check charon makes on a cluster definition or lock (cluster/definition.go and lock.go:
// VerifyHashes, VerifySignatures), as one structured result for the CLI and the web pages.
// A signature entry is true (valid), false (invalid) or null (the file has none yet).
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { hexToBytes, type Address, type Hex, type PublicClient } from "viem";
import { chainIdForForkVersion, creatorConfigHashTypedData, enrTypedData, operatorConfigHashTypedData, verifyTypedSignature } from "@/lib/obol/eip712";
import { parseEnr, type EnrParseResult } from "@/lib/obol/enr";
import { verifyLockBls, type LockBlsResult } from "@/lib/obol/lock/bls";
import type { BlsBackend } from "@/lib/obol/lock/bls-keys";
import { lockShapeProblems } from "@/lib/obol/lock/shape";
import type { ClusterFile, Definition, Lock } from "@/lib/obol/schema";
import { configHash, definitionHash, lockHash } from "@/lib/obol/ssz";
import { obolVersion } from "@/lib/obol/versions";
import { checkOutcomes, type EnrCheck, type HashCheck, type SignatureCheck, type VerifyResult } from "./verify-result";

export type { EnrCheck, HashCheck, VerifyResult } from "./verify-result";

interface VerifyOptions {
  /** Enables ERC-1271 checks for contract-wallet operators and creators. */
  client?: PublicClient;
  /** Does the curve work of the BLS checks: pure JS by default; the server passes native bindings. */
  bls?: BlsBackend;
  /** Awaited before each node signature check (the server yields to other requests there). */
  pause?: () => Promise<void>;
  /**
   * Recovers the compressed key that signed a 32-byte hash (64-byte compact signature and its
   * recovery id), or null: pure JS by default; the server passes native bindings.
   */
  recoverNodeKey?: (hash: Uint8Array, signature: Uint8Array, recovery: number) => Uint8Array | null;
}

function nobleRecoverNodeKey(hash: Uint8Array, signature: Uint8Array, recovery: number): Uint8Array | null {
  try {
    return secp256k1.Signature.fromBytes(signature, "compact").addRecoveryBit(recovery).recoverPublicKey(hash).toBytes(true);
  } catch {
    return null;
  }
}

/**
 * verifyLock's lock-only mode, for a caller that has proved the embedded definition is one it
 * trusts (the portal's acceptance compares it with the definition it serves): the lock's own
 * checks, cheapest first, stopping at the first stage that fails — shape, lock hash, node
 * signatures, then BLS — so a bad lock costs no more than what refutes it.
 */
export interface LockCheckResult {
  /** null when the lock's shape already failed. */
  lock_hash: HashCheck | null;
  node_signatures: SignatureCheck[] | null;
  bls: LockBlsResult | null;
  problems: string[];
  ok: boolean;
}

function hashCheck(expected: Hex, compute: () => Hex): HashCheck {
  try {
    const computed = compute();
    return { expected, computed, ok: computed === expected.toLowerCase() };
  } catch (e) {
    return { expected, computed: null, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** charon's k1util.Verify65: recover the signer of the raw 32-byte hash and compare keys (lock node signatures, exit requests). */
export function verifyNodeSignature(enrKey: Hex, hash: Hex, signature: string, recover = nobleRecoverNodeKey): boolean {
  try {
    const sig = hexToBytes(signature as Hex);
    if (sig.length !== 65) return false;
    const recovery = sig[64] >= 27 ? sig[64] - 27 : sig[64];
    if (recovery > 3) return false;
    const signer = recover(hexToBytes(hash), sig.subarray(0, 64), recovery);
    return signer !== null && secp256k1.Point.fromBytes(signer).equals(secp256k1.Point.fromBytes(hexToBytes(enrKey)));
  } catch {
    return false;
  }
}

function enrCheck(enr: string, verifySignature = true): EnrCheck {
  if (enr === "") return null;
  const r: EnrParseResult = parseEnr(enr, { verifySignature });
  return r.ok ? { ok: true, publicKey: r.enr.publicKey } : { ok: false, reason: r.reason };
}

async function definitionChecks(def: Definition, { client }: VerifyOptions) {
  const problems: string[] = [];
  let forkKnown = true;
  try {
    chainIdForForkVersion(def.fork_version);
  } catch {
    forkKnown = false;
    problems.push(`fork version ${def.fork_version} has no known chain id, so no EIP-712 signature can verify`);
  }

  const sig = async (address: string, signature: string, typedData: () => Parameters<typeof verifyTypedSignature>[0]["typedData"]) =>
    signature === "" ? null : forkKnown && address !== "" && (await verifyTypedSignature({ client, address: address as Address, typedData: typedData(), signature: signature as Hex }));

  const creator_signature = await sig(def.creator.address, def.creator.config_signature, () =>
    creatorConfigHashTypedData(def.config_hash, def.fork_version),
  );
  const operator_config_signatures = await Promise.all(
    def.operators.map((o) => sig(o.address, o.config_signature, () => operatorConfigHashTypedData(def.config_hash, def.fork_version))),
  );
  const enr_signatures = await Promise.all(
    def.operators.map((o) => sig(o.address, o.enr_signature, () => enrTypedData(o.enr, def.fork_version))),
  );
  const enrs = def.operators.map((o) => enrCheck(o.enr));

  enrs.forEach((e, i) => {
    if (e && !e.ok) problems.push(`operator ${i} ENR: ${e.reason}`);
  });
  const seen = new Map<string, number>();
  def.operators.forEach((o, i) => {
    if (o.enr === "") return;
    if (seen.has(o.enr)) problems.push(`operators ${seen.get(o.enr)} and ${i} have the same ENR`);
    seen.set(o.enr, i);
  });
  if (def.creator.config_signature === "" && operator_config_signatures.some((s) => s !== null)) {
    problems.push("operators signed while the creator did not");
  }

  const complete =
    creator_signature !== null &&
    def.operators.every((o, i) => o.enr !== "" && operator_config_signatures[i] !== null && enr_signatures[i] !== null);

  return {
    config_hash: hashCheck(def.config_hash, () => configHash(def)),
    definition_hash: hashCheck(def.definition_hash, () => definitionHash(def)),
    creator_signature,
    operator_config_signatures,
    enr_signatures,
    enrs,
    problems,
    complete,
  };
}

function finish(r: Omit<VerifyResult, "ok">): VerifyResult {
  return { ...r, ok: !checkOutcomes(r).includes(false) && r.problems.length === 0 };
}

export async function verifyDefinition(def: Definition, options: VerifyOptions = {}): Promise<VerifyResult> {
  const d = await definitionChecks(def, options);
  return finish({
    kind: "definition",
    version: def.version,
    ...d,
    lock_hash: null,
    node_signatures: null,
    signature_aggregate: null,
    validators: null,
    bls: null,
  });
}

/** The lock's own checks (see LockCheckResult); `stopAtFailure` is the lock-only mode. */
async function lockChecks(lock: Lock, enrs: EnrCheck[], options: VerifyOptions, stopAtFailure: boolean): Promise<Omit<LockCheckResult, "ok">> {
  const def = lock.cluster_definition;
  // No signature check runs on a lock shaped unlike its definition: BLS costs a pairing per entry.
  const problems = lockShapeProblems(lock);
  if (stopAtFailure && problems.length > 0) return { lock_hash: null, node_signatures: null, bls: null, problems };
  const lock_hash = hashCheck(lock.lock_hash, () => lockHash(lock));
  const stop = (node_signatures: SignatureCheck[] | null = null) => ({ lock_hash, node_signatures, bls: null, problems });
  if (stopAtFailure && !lock_hash.ok) return stop();

  // Each node signs the lock hash as written in the file (charon verifies l.LockHash).
  let node_signatures: SignatureCheck[] | null = null;
  if (obolVersion(def.version).lock.nodeSignatures) {
    node_signatures = [];
    for (const [i, enr] of enrs.entries()) {
      const signature = lock.node_signatures[i];
      await options.pause?.();
      node_signatures.push(signature === undefined || signature === "" ? null : enr?.ok === true && verifyNodeSignature(enr.publicKey, lock.lock_hash, signature, options.recoverNodeKey));
    }
  }
  // A missing node signature ("") fails the lock-only mode as an invalid one does.
  if (problems.length > 0 || (stopAtFailure && node_signatures?.some((s) => s !== true))) return stop(node_signatures);

  // The aggregate signs the recomputed lock hash (charon: hashLock(l)).
  try {
    return { lock_hash, node_signatures, bls: await verifyLockBls(lock, hexToBytes(lock_hash.computed ?? lock.lock_hash), options.bls), problems };
  } catch (e) {
    return { ...stop(node_signatures), problems: [...problems, `BLS checks failed to run: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

/** Every check charon makes on a lock and its definition; with `lockOnly`, the lock's own checks only (LockCheckResult). */
export async function verifyLock(lock: Lock, options?: VerifyOptions & { lockOnly?: false }): Promise<VerifyResult>;
export async function verifyLock(lock: Lock, options: VerifyOptions & { lockOnly: true }): Promise<LockCheckResult>;
export async function verifyLock(lock: Lock, options: VerifyOptions & { lockOnly?: boolean } = {}): Promise<VerifyResult | LockCheckResult> {
  const def = lock.cluster_definition;
  if (options.lockOnly) {
    // The caller trusts the definition, so its ENRs were verified before: only their keys are needed.
    const checks = await lockChecks(lock, def.operators.map((o) => enrCheck(o.enr, false)), options, true);
    const passed = checks.lock_hash?.ok === true && (checks.node_signatures ?? []).every((s) => s === true) && checks.bls?.valid === true;
    return { ...checks, ok: passed && checks.problems.length === 0 };
  }
  const d = await definitionChecks(def, options);
  const l = await lockChecks(lock, d.enrs, options, false);
  return finish({
    kind: "lock",
    version: def.version,
    ...d,
    complete: d.complete && l.node_signatures?.every((s) => s !== null) !== false && lock.signature_aggregate !== "",
    lock_hash: l.lock_hash,
    node_signatures: l.node_signatures,
    signature_aggregate: l.bls ? l.bls.signature_aggregate : false,
    validators: l.bls
      ? l.bls.validators.map((v) => ({ public_shares: v.public_shares, deposit_data: v.deposit_data, builder_registration: v.builder_registration }))
      : null,
    bls: l.bls,
    problems: [...d.problems, ...l.problems],
  });
}

export function verifyClusterFile(file: ClusterFile, options: VerifyOptions = {}): Promise<VerifyResult> {
  return file.kind === "lock" ? verifyLock(file.lock, options) : verifyDefinition(file.definition, options);
}
