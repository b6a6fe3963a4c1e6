import "server-only";
import { cache } from "react";
import type { Hex } from "viem";
import { getDatabase } from "@/lib/db";
import { HttpError } from "@/lib/http";
import { configHashSchema, hash32 } from "@/lib/http/schemas";
import { serverCrypto } from "@/lib/locks/accept";
import { lockOf } from "@/lib/locks/storage";
import { validatorPubkeySchema } from "@/lib/obol/exit";
import { networkOf } from "@/lib/networks";
import { lockSchema, type Lock } from "@/lib/obol/schema";
import { charonCommand } from "@/lib/sync/dkg-command";
import { combinedExit, readyExit } from "./exits";
import { lockValidator } from "./lock-context";
import { partialExitsOf } from "./storage";

/** The epoch the beacon chain of `forkVersion` is in at `now` (an exit's epoch must not be later when broadcast). */
export function currentEpoch(forkVersion: string, now = Date.now()): bigint {
  const network = networkOf(forkVersion);
  if (!network) return 0n;
  return BigInt(Math.max(0, Math.floor((now / 1000 - network.genesisTime) / network.secondsPerEpoch)));
}

/** A cluster's stored lock and partial exits, read once per request (the page's block and its live stamp both need them). */
const exitState = cache(async (configHash: Hex) => {
  const sql = await getDatabase();
  const stored = await lockOf(sql, configHash);
  return stored ? { stored, partials: await partialExitsOf(sql, stored.lockHash) } : null;
});

/** `charon exit sign` and `charon exit broadcast` for one validator, against the portal at `origin`. */
export function exitCommands(origin: string, validatorPubkey: Hex, epoch: bigint) {
  const base = origin.replace(/\/+$/, "");
  const common = `--publish-address="${base}/api/v1" --beacon-node-endpoints="$BEACON_NODE" --validator-public-key=${validatorPubkey}`;
  return { sign: charonCommand(base, `exit sign ${common} --exit-epoch=${epoch}`), broadcast: charonCommand(base, `exit broadcast ${common}`) };
}

/**
 * The cluster page's exit block: per validator of the stored lock, which operator signed which
 * exit, whether a threshold signed the same one, and the commands that take the next step.
 * null before the DKG (no lock, nothing to exit).
 */
export async function exitView(configHash: Hex, origin: string) {
  const state = await exitState(configHash);
  if (!state) return null;
  const { stored, partials } = state;
  const lock = lockSchema.parse(stored.body);
  const def = lock.cluster_definition;
  const now = currentEpoch(def.fork_version);
  return {
    lockHash: stored.lockHash,
    threshold: def.threshold,
    validators: lock.distributed_validators.map((dv) => {
      const pubkey = dv.distributed_public_key.toLowerCase() as Hex;
      const mine = partials.filter((p) => p.validatorPubkey === pubkey);
      const ready = readyExit(mine, def.threshold);
      // Operators must sign the same exit: once one has, the others are shown its epoch.
      const epoch = ready?.exit.epoch ?? mine[0]?.epoch ?? now;
      return {
        pubkey,
        operators: def.operators.map((op, i) => {
          const p = mine.find((x) => x.shareIndex === i + 1);
          return { shareIndex: i + 1, address: op.address, signed: p ? { epoch: p.epoch.toString(), validatorIndex: p.validatorIndex.toString(), at: p.receivedAt.toISOString() } : null };
        }),
        ready: ready ? { epoch: ready.exit.epoch.toString(), validatorIndex: ready.exit.validatorIndex.toString(), signers: ready.partials.length } : null,
        commands: exitCommands(origin, pubkey, epoch),
        epoch: epoch.toString(),
        download: `/api/clusters/${configHash}/exits/${pubkey}`,
      };
    }),
  };
}

/** What of the exits the cluster page's live stamp covers: each stored partial (its page refreshes when one arrives). */
export async function exitSignatures(configHash: Hex): Promise<string[]> {
  const state = await exitState(configHash);
  return (state?.partials ?? []).map((p) => `${p.validatorPubkey}/${p.shareIndex}/${p.epoch}/${p.validatorIndex}`);
}

export type ExitView = NonNullable<Awaited<ReturnType<typeof exitView>>>;

/** The signed exit of one validator, combined from a threshold of partials and verified; 404 before. */
async function signedExit(lock: Lock, lockHash: Hex, validatorPubkey: Hex) {
  const dv = lockValidator(lock, validatorPubkey);
  const ready = readyExit(await partialExitsOf(await getDatabase(), lockHash, validatorPubkey), lock.cluster_definition.threshold);
  if (!ready) throw new HttpError(404, `No exit of validator ${validatorPubkey} has been signed by ${lock.cluster_definition.threshold} operators yet.`);
  return combinedExit(lock, dv, ready, serverCrypto.bls);
}

/** GET /api/clusters/{configHash}/exits/{validatorPubkey}: the signed exit as charon exit fetch writes it (exit-<pubkey>.json). */
export async function downloadSignedExit(params: { configHash: string; validatorPubkey: string }): Promise<Response> {
  const configHash = configHashSchema.parse(params.configHash);
  const validatorPubkey = validatorPubkeySchema.parse(params.validatorPubkey);
  const stored = await lockOf(await getDatabase(), configHash);
  if (!stored) throw new HttpError(404, `No lock has been published for config hash ${configHash} yet, so none of its validators can exit.`);
  const body = await signedExit(lockSchema.parse(stored.body), hash32("lock hash").parse(stored.lockHash), validatorPubkey);
  return new Response(JSON.stringify(body, null, 2), {
    headers: { "content-type": "application/json", "cache-control": "no-store", "content-disposition": `attachment; filename="exit-${validatorPubkey}.json"` },
  });
}
