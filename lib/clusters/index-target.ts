import "server-only";
import { cache } from "react";
import { publicClient, renderHead } from "@/lib/chain/client";
import { syncClusterIndex, syncProgress, type IndexTarget, type SyncProgress } from "@/lib/chain/cluster-index";
import { indexedThrough, type IndexScope } from "@/lib/chain/indexed-clusters";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { chainUnavailable, isChainUnavailable } from "@/lib/http/unavailable";
import { settleWithin } from "@/lib/settle-within";
import { creatorAccount } from "./creator";

/** The configured network's index: where it lives and how to bring it up to date. */
export async function indexTarget(): Promise<IndexTarget & IndexScope> {
  const env = getEnv();
  return {
    client: publicClient(),
    db: await getDatabase(),
    chainId: env.CHAIN_ID,
    auction: env.AUCTION_ADDRESS,
    deploymentBlock: BigInt(env.DEPLOYMENT_BLOCK),
    chunkSize: env.LOG_CHUNK_SIZE,
    confirmations: env.INDEX_CONFIRMATIONS,
    forkVersion: env.FORK_VERSION,
    creator: creatorAccount().address,
  };
}

/**
 * How far the index had read when it did not reach the head within this request: either the node
 * did not answer, or it did and the index is still catching up (`catchingUp`: a first index of
 * thousands of clusters outlasts a request).
 */
export type StaleIndex = { asOfBlock: bigint | null; catchingUp: CatchingUp | null };

/** A running sync that has the node's head: the blocks it reads, and the clusters found there once known. */
export type CatchingUp = SyncProgress & { toBlock: bigint };

/**
 * `stale` is null when the index reached the chain head during this request; `head` is that head,
 * the block this request's chain reads are made at.
 */
export type SyncedIndex = Awaited<ReturnType<typeof indexTarget>> & ({ stale: null; head: bigint } | { stale: StaleIndex; head: null });

/** The sync running for the configured index, when the node has answered it: the index is catching up. */
export function catchingUp(target: Parameters<typeof syncProgress>[0]): CatchingUp | null {
  const progress = syncProgress(target);
  return progress?.toBlock != null ? { ...progress, toBlock: progress.toBlock } : null;
}

/**
 * The index, brought to the chain head if the node lets it within RPC_TIMEOUT_MS: every page and
 * route handler starts here. When the node is down, hung or slow, the request goes on with the
 * last indexed state (`stale`), so stored data stays available; the sync itself goes on, shared
 * with concurrent callers, and a later request picks up what it adds. Once per render.
 */
export const syncedIndex = cache(async (): Promise<SyncedIndex> => {
  const target = await indexTarget();
  const outcome = await settleWithin(syncClusterIndex({ ...target, readHead: async () => (await renderHead()).block }), getEnv().RPC_TIMEOUT_MS);
  if ("value" in outcome) return { ...target, stale: null, head: outcome.value.head };
  // A database failure or a bug is not the chain being down: that stays a 500.
  if (outcome.error !== "late" && !isChainUnavailable(outcome.error)) throw outcome.error;
  const asOfBlock = await indexedThrough(target.db, target);
  return { ...target, stale: { asOfBlock, catchingUp: outcome.error === "late" ? catchingUp(target) : null }, head: null };
});

/**
 * The state everything a visitor is shown follows from, besides the URL: the head the index
 * reached and the number of writes to the store. Null when it cannot be told: the index did not
 * reach the head, or other processes write to the store (a shared PostgreSQL).
 */
export function keptState(index: SyncedIndex): string | null {
  const writes = index.db.writes();
  return index.stale || writes === null ? null : `${index.head}:${writes}`;
}

/** `keptState` now, bringing the index to the head as a page would (lib/http/page-cache.ts). */
export async function pageState(): Promise<string | null> {
  return keptState(await syncedIndex());
}

/** How old the stored data is, without asking the chain: the last indexed block, and whether a sync is catching up. */
export async function storedIndexState(): Promise<StaleIndex> {
  const target = await indexTarget();
  return { asOfBlock: await indexedThrough(target.db, target), catchingUp: catchingUp(target) };
}

/**
 * The head to read the chain at, for work that needs the chain now; the 503 when this request
 * found the index behind the head.
 */
export function requireChain(index: SyncedIndex, what: string): bigint {
  if (index.stale) throw chainUnavailable(`${staleReason(index.stale)}, so ${what} cannot be read now${asOf(index.stale)}.`);
  return index.head;
}

/** Why the index is behind, as the start of a sentence: the node is down, or the index is catching up. */
export function staleReason(stale: StaleIndex): string {
  const progress = stale.catchingUp;
  if (!progress) return "The chain node is not answering";
  const found = progress.found === null ? "" : `, ${progress.found} cluster${progress.found === 1 ? "" : "s"} found there`;
  return `The portal is catching up with the chain (indexing blocks ${progress.fromBlock} to ${progress.toBlock}${found})`;
}

/** " (the portal's data is as of block N)" for a sentence, or nothing before the first indexed block. */
export function asOf(stale: StaleIndex): string {
  return stale.asOfBlock === null ? "" : ` (the portal's data is as of block ${stale.asOfBlock})`;
}
