import { bytesToHex, hexToBytes, type Hex } from "viem";
import type { Sql } from "@/lib/db";
import { HttpError } from "@/lib/http";
import { fullExitAuthRoot, partialExitRequestRoot, partialExitRequestSchema, signedExitJson, voluntaryExitSigningRoot, type VoluntaryExit } from "@/lib/obol/exit";
import { thresholdAggregate, type BlsBackend } from "@/lib/obol/lock/bls-keys";
import type { DistributedValidator, Lock } from "@/lib/obol/schema";
import { checkIdentitySignature, checkShareIndex, lockNetwork, lockValidator, publicShare, storedLock, type RecoverNodeKey } from "./lock-context";
import { deletePartialExit, partialExitOf, partialExitsOf, savePartialExit, type StoredPartialExit } from "./storage";

/**
 * charon's exit coordination (`charon exit sign|fetch|delete`, docs/obol.md §Exits and deposits): each
 * operator's node posts its partial signature of a voluntary exit; once a threshold of operators
 * signed the same exit, any of them fetches the set and combines it, and so does the cluster page.
 */

/** The curve work: native on the server (lib/locks serverCrypto), pure JS in the browser. */
export type ExitCrypto = { bls: BlsBackend; recoverNodeKey: RecoverNodeKey };

const exitLabel = (e: VoluntaryExit) => `epoch ${e.epoch}, validator index ${e.validatorIndex}`;

/**
 * POST /exp/partial_exits/{lock_hash}: verifies and stores an operator's partial exits. Throws
 * HttpError naming the failed check (400 shape, share or validator; 401 identity; 404 lock; 409
 * every exit already stored; 422 a partial signature); cheap checks first, BLS last.
 */
export async function acceptPartialExits(sql: Sql, lockHash: Hex, json: unknown, crypto: ExitCrypto) {
  const request = partialExitRequestSchema.parse(json);
  const lock = await storedLock(sql, lockHash);
  const shareIndex = request.share_idx;
  checkShareIndex(lock, shareIndex);
  checkIdentitySignature(lock, shareIndex, partialExitRequestRoot(request.partial_exits, shareIndex), request.signature, crypto.recoverNodeKey);

  const seen = new Set<string>();
  const exits = request.partial_exits.map((blob) => {
    const dv = lockValidator(lock, blob.public_key);
    if (seen.has(blob.public_key)) throw new HttpError(400, `Validator ${blob.public_key} appears twice in this request.`);
    seen.add(blob.public_key);
    const { message, signature } = blob.signed_exit_message;
    return { dv, exit: { epoch: message.epoch, validatorIndex: message.validator_index }, signature };
  });

  // charon retries a post it could not confirm: the same partials again change nothing.
  const stored = await Promise.all(exits.map(({ dv }) => partialExitOf(sql, lockHash, dv.distributed_public_key.toLowerCase() as Hex, shareIndex)));
  if (stored.every((s, i) => s !== null && s.signature === exits[i].signature && s.epoch === exits[i].exit.epoch && s.validatorIndex === exits[i].exit.validatorIndex)) {
    throw new HttpError(409, `Operator ${shareIndex}'s partial exit${exits.length === 1 ? " is" : "s are"} already stored; nothing changed.`);
  }

  const forkVersion = lock.cluster_definition.fork_version as Hex;
  const network = lockNetwork(lock);
  // Every check is started before any is awaited, so the native backend verifies them as one batch.
  const checks = await Promise.all(
    exits.map(({ dv, exit, signature }) => crypto.bls.verify(publicShare(dv, shareIndex), voluntaryExitSigningRoot(exit, forkVersion), hexToBytes(signature))),
  );
  const failed = checks.findIndex((ok) => !ok);
  if (failed >= 0) {
    const { dv, exit } = exits[failed];
    throw new HttpError(
      422,
      `The partial exit signature of validator ${dv.distributed_public_key} does not verify against operator ${shareIndex}'s public share over the voluntary exit (${exitLabel(exit)}) ` +
        `with ${network.name}'s exit domain (Capella fork version ${network.capellaForkVersion}, genesis validators root ${network.genesisValidatorsRoot}): ` +
        `sign that exit with share ${shareIndex}'s key for this network.`,
    );
  }

  const outcomes = [];
  for (const { dv, exit, signature } of exits) {
    const validatorPubkey = dv.distributed_public_key.toLowerCase() as Hex;
    outcomes.push({ validator_pubkey: validatorPubkey, epoch: exit.epoch.toString(), outcome: await savePartialExit(sql, lockHash, { validatorPubkey, shareIndex, ...exit, signature }) });
  }
  return { shareIndex, outcomes };
}

/** The exit a threshold of operators signed (the most signers; the latest on a tie), or null. */
export function readyExit(partials: readonly StoredPartialExit[], threshold: number): { exit: VoluntaryExit; partials: StoredPartialExit[] } | null {
  const groups = new Map<string, StoredPartialExit[]>();
  for (const p of partials) {
    const key = `${p.epoch}/${p.validatorIndex}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const latest = (g: StoredPartialExit[]) => Math.max(...g.map((p) => p.receivedAt.getTime()));
  const best = [...groups.values()].filter((g) => g.length >= threshold).sort((a, b) => b.length - a.length || latest(b) - latest(a))[0];
  if (!best) return null;
  return { exit: { epoch: best[0].epoch, validatorIndex: best[0].validatorIndex }, partials: [...best].sort((a, b) => a.shareIndex - b.shareIndex) };
}

/** The request an operator authorizes with its identity key to fetch or withdraw: checked, cheapest first. */
async function authorizedOperator(sql: Sql, params: { lockHash: Hex; shareIndex: number; validatorPubkey: Hex }, bearer: Hex, crypto: ExitCrypto) {
  const lock = await storedLock(sql, params.lockHash);
  checkShareIndex(lock, params.shareIndex);
  const dv = lockValidator(lock, params.validatorPubkey);
  checkIdentitySignature(lock, params.shareIndex, fullExitAuthRoot(params.lockHash, params.validatorPubkey, params.shareIndex), bearer, crypto.recoverNodeKey);
  return { lock, dv };
}

/**
 * GET /exp/exit/{lock_hash}/{share_index}/{validator_pubkey}: charon's FullExitResponse once a
 * threshold of operators signed one exit (signatures by share position, "" for the others); 404
 * ("nothing yet" to charon) before, saying how far it is.
 */
export async function fullExit(sql: Sql, params: { lockHash: Hex; shareIndex: number; validatorPubkey: Hex }, bearer: Hex, crypto: ExitCrypto) {
  const { lock } = await authorizedOperator(sql, params, bearer, crypto);
  const threshold = lock.cluster_definition.threshold;
  const operators = lock.cluster_definition.operators.length;
  const partials = await partialExitsOf(sql, params.lockHash, params.validatorPubkey);
  const ready = readyExit(partials, threshold);
  if (!ready) {
    const signed = partials.map((p) => `operator ${p.shareIndex} (${exitLabel(p)})`);
    throw new HttpError(
      404,
      `No exit of validator ${params.validatorPubkey} has been signed by ${threshold} of the ${operators} operators yet` +
        (signed.length > 0 ? `: so far ${signed.join(", ")}.` : ": no operator has signed one."),
    );
  }
  const bySlot = new Map(ready.partials.map((p) => [p.shareIndex, p.signature]));
  return {
    epoch: ready.exit.epoch.toString(),
    validator_index: ready.exit.validatorIndex.toString(),
    signatures: Array.from({ length: operators }, (_, i) => bySlot.get(i + 1) ?? ""),
  };
}

/** DELETE /exp/partial_exits/{lock_hash}/{share_index}/{validator_pubkey}: the operator withdraws its partial. */
export async function withdrawPartialExit(sql: Sql, params: { lockHash: Hex; shareIndex: number; validatorPubkey: Hex }, bearer: Hex, crypto: ExitCrypto) {
  await authorizedOperator(sql, params, bearer, crypto);
  if (!(await deletePartialExit(sql, params.lockHash, params.validatorPubkey, params.shareIndex))) {
    throw new HttpError(404, `Operator ${params.shareIndex} has no partial exit of validator ${params.validatorPubkey} stored here.`);
  }
}

/**
 * The signed exit a beacon node takes: the first `threshold` partials of the ready exit combined
 * by Lagrange interpolation at their share indices, then verified against the validator's key.
 * Throws if the combination does not verify (every partial verified when stored, so it would be a bug).
 */
export async function combinedExit(lock: Lock, dv: DistributedValidator, ready: NonNullable<ReturnType<typeof readyExit>>, bls: BlsBackend) {
  const chosen = ready.partials.slice(0, lock.cluster_definition.threshold);
  const signature = thresholdAggregate(new Map(chosen.map((p) => [p.shareIndex, hexToBytes(p.signature)])));
  const root = voluntaryExitSigningRoot(ready.exit, lock.cluster_definition.fork_version as Hex);
  if (!(await bls.verify(hexToBytes(dv.distributed_public_key as Hex), root, signature))) {
    throw new Error(`the combined exit of validator ${dv.distributed_public_key} does not verify`);
  }
  return signedExitJson(ready.exit, bytesToHex(signature));
}
