import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Hex, LocalAccount } from "viem";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import { currentDefinition } from "@/lib/sync/definition";
import type { Sql } from "@/lib/db";
import { boundedList, HttpError, problemSentence } from "@/lib/http";
import { lockSchema, type Definition, type Lock } from "@/lib/obol/schema";
import { definitionHash } from "@/lib/obol/ssz";
import { verifyLock, type LockCheckResult } from "@/lib/obol/verify";
import { nativeBls } from "./native-bls";
import { nativeRecoverNodeKey } from "./native-secp256k1";
import { lockOf, saveLock, type LockSource, type StoredLock } from "./storage";
import { inVerificationSlot } from "./verification-slot";

/**
 * Acceptance of a published lock (docs/obol.md, synchronization step 4): charon's `dkg --publish` and the cluster
 * page's upload both end here. A lock is stored only when its embedded definition is exactly the
 * definition this portal serves for the cluster, fully signed, and the lock itself verifies.
 */
/** The native curve work the server's lock checks use (the browser keeps the pure-JS path). */
export const serverCrypto = { bls: nativeBls, recoverNodeKey: nativeRecoverNodeKey };

export type AcceptLockDeps = {
  findCluster(configHash: Hex): Promise<IndexedCluster | null>;
  creator(): LocalAccount;
  forkVersion(): Hex;
};

export type LockOrigin = { via: LockSource; by: string };

const operatorFields = ["address", "enr", "config_signature", "enr_signature"] as const;

/** The parts of `embedded` that differ from `served`, named as a person can check them. */
export function definitionDifferences(embedded: Definition, served: Definition): string[] {
  const differences: string[] = [];
  for (const key of Object.keys(served) as (keyof Definition)[]) {
    if (key === "operators" || key === "definition_hash") continue;
    if (JSON.stringify(embedded[key] ?? null) !== JSON.stringify(served[key] ?? null)) differences.push(key);
  }
  if (embedded.operators.length !== served.operators.length) {
    differences.push(`operators (${embedded.operators.length} instead of ${served.operators.length})`);
  } else {
    served.operators.forEach((op, i) => {
      const other = embedded.operators[i];
      // Hex fields compare case-insensitively (checksummed addresses); an ENR is case-sensitive base64.
      const fields = operatorFields.filter((f) => (f === "enr" ? op.enr !== other.enr : op[f].toLowerCase() !== other[f].toLowerCase()));
      if (fields.length > 0) differences.push(`operator ${i} ${fields.join(", ")}`);
    });
  }
  return differences;
}

function computedDefinitionHash(def: Definition): Hex | null {
  try {
    return definitionHash(def);
  } catch {
    return null;
  }
}

/** Every failed check of a lock whose definition is already known to be ours, as sentences. */
export function lockFailures(lock: Lock, result: LockCheckResult): string[] {
  const failures = [...result.problems];
  if (result.lock_hash && !result.lock_hash.ok) {
    failures.push(
      result.lock_hash.computed
        ? `lock_hash ${lock.lock_hash} is not the hash of the lock's contents (${result.lock_hash.computed})`
        : `lock_hash cannot be computed: ${result.lock_hash.error ?? "unknown error"}`,
    );
  }
  const operators = lock.cluster_definition.operators;
  (result.node_signatures ?? []).forEach((sig, i) => {
    if (sig === null) failures.push(`node signature of operator ${i} (${operators[i].address}) is missing`);
    else if (!sig) failures.push(`node signature of operator ${i} (${operators[i].address}) is not its charon node's signature of the lock hash`);
  });
  const bls = result.bls;
  if (bls && bls.signature_aggregate !== true) {
    const reason = bls.details.signature_aggregate.reason;
    failures.push(`signature_aggregate does not verify against the public shares${reason ? ` (${reason})` : ""}`);
  }
  for (const v of bls?.validators ?? []) {
    const d = v.details;
    if (v.public_shares === false) failures.push(`validator ${v.index} public shares: ${d.public_shares.reason ?? "invalid"}`);
    if (v.deposit_data !== true) failures.push(`validator ${v.index} deposit data: ${d.deposit_data_reason ?? "missing"}`);
    if (v.builder_registration === false) failures.push(`validator ${v.index} builder registration: ${d.builder_registration_reason ?? "invalid"}`);
  }
  return failures;
}

const alreadyLocked = (name: string, stored: StoredLock) =>
  new HttpError(
    409,
    `${name} already has another lock (${stored.lockHash}, received ${stored.receivedAt.toISOString()}); a cluster's lock cannot be replaced.`,
    { lock_hash: stored.lockHash, received_at: stored.receivedAt.toISOString() },
  );

/**
 * Verifies and stores a posted lock; throws HttpError naming the failed check: 400 not a lock,
 * 404 no such cluster, 409 the cluster already has another lock, 422 not this portal's
 * definition or a check failed, 503 too many locks waiting for verification. Cheap checks come
 * first: the lock already stored is answered from storage, another one for a locked cluster is
 * refused, and only a lock of exactly the served definition reaches the signature checks.
 */
export async function acceptLock(
  sql: Sql,
  json: unknown,
  deps: AcceptLockDeps,
  origin: LockOrigin,
): Promise<{ outcome: "created" | "unchanged"; lock: StoredLock }> {
  const lock = lockSchema.parse(json);
  const def = lock.cluster_definition;
  const configHash = def.config_hash.toLowerCase() as Hex;
  const cluster = await deps.findCluster(configHash);
  if (!cluster) {
    throw new HttpError(404, `This lock is for config hash ${configHash}, which is no cluster of this portal's network: publish it to the portal that served its definition.`);
  }

  // charon's nodes each publish the same lock, and people re-upload it: the stored lock, byte for
  // byte the same JSON, was verified when it was stored. (signature_aggregate is outside the lock
  // hash, so the same hash with other content is verified like a new lock.)
  const stored = await lockOf(sql, configHash);
  if (stored && stored.lockHash !== lock.lock_hash.toLowerCase()) throw alreadyLocked(cluster.name, stored);
  if (stored && JSON.stringify(stored.body) === JSON.stringify(json)) return { outcome: "unchanged", lock: stored };

  const result = await inVerificationSlot(async () => {
    const served = await currentDefinition(sql, cluster, { creator: deps.creator(), forkVersion: deps.forkVersion() });
    const missing = served.operators.filter((o) => o.enr === "").map((o) => o.address);
    if (missing.length > 0) {
      throw new HttpError(
        422,
        `${cluster.name}'s definition is not complete on this portal: ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} not registered a node, so no DKG can have run on it.`,
      );
    }
    const embeddedHash = computedDefinitionHash(def);
    if (embeddedHash !== served.definition_hash || def.definition_hash.toLowerCase() !== served.definition_hash) {
      const differences = definitionDifferences(def, served);
      throw new HttpError(
        422,
        `The lock's cluster_definition is not this portal's definition of ${cluster.name} (definition hash ${embeddedHash ?? "not computable"}, ` +
          `served ${served.definition_hash})${differences.length > 0 ? `: ${problemSentence(differences)} differ` : ""}. Run the DKG with the definition from /api/v1/definition/${configHash}.`,
      );
    }
    // The definition is the served one, whose hashes and signatures the portal checked as they
    // were registered: only the lock's own checks remain, shape first, BLS last.
    return verifyLock(lock, { lockOnly: true, ...serverCrypto, pause: nextTurn });
  });
  const failures = lockFailures(lock, result);
  if (failures.length > 0) {
    const { listed, omitted } = boundedList(failures);
    throw new HttpError(422, `The lock does not verify: ${problemSentence(failures)}.`, { failures: listed, omitted });
  }

  const saved = await saveLock(sql, { lockHash: lock.lock_hash, configHash, body: json, postedVia: origin.via, postedBy: origin.by });
  if (saved.outcome === "conflict") throw alreadyLocked(cluster.name, saved.lock);
  return saved;
}
