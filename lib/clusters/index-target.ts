import "server-only";
import { cache } from "react";
import { publicClient } from "@/lib/chain/client";
import { syncClusterIndex, type IndexTarget } from "@/lib/chain/cluster-index";
import { indexedThrough, type IndexScope } from "@/lib/chain/indexed-clusters";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { chainUnavailable, isChainUnavailable } from "@/lib/http/unavailable";
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

/** How far the index had read when the chain node did not let it reach the head for this request. */
export type StaleIndex = { asOfBlock: bigint | null };

export type SyncedIndex = Awaited<ReturnType<typeof indexTarget>> & {
  /** null when the index reached the chain head during this request. */
  stale: StaleIndex | null;
};

/**
 * The index, brought to the chain head if the node lets it within RPC_TIMEOUT_MS: every page and
 * route handler starts here. When the node is down, hung or slow, the request goes on with the
 * last indexed state (`stale`), so stored data stays available; the sync itself goes on, shared
 * with concurrent callers, and a later request picks up what it adds. Once per render.
 */
export const syncedIndex = cache(async (): Promise<SyncedIndex> => {
  const target = await indexTarget();
  const outcome = await settleWithin(syncClusterIndex(target), getEnv().RPC_TIMEOUT_MS);
  if (outcome === "done") return { ...target, stale: null };
  // A database failure or a bug is not the chain being down: that stays a 500.
  if (outcome !== "late" && !isChainUnavailable(outcome.error)) throw outcome.error;
  return { ...target, stale: { asOfBlock: await indexedThrough(target.db, target) } };
});

/** The last block the index has read, without asking the chain (for "data as of block N"). */
export async function lastIndexedBlock(): Promise<bigint | null> {
  const target = await indexTarget();
  return indexedThrough(target.db, target);
}

/** Throws the 503 for work that needs the chain now, when this request found the node not answering. */
export function requireChain(index: SyncedIndex, what: string): void {
  if (index.stale) throw chainUnavailable(`The chain node is not answering, so ${what} cannot be read now${asOf(index.stale)}.`);
}

/** " (the portal's data is as of block N)" for a sentence, or nothing before the first indexed block. */
export function asOf(stale: StaleIndex): string {
  return stale.asOfBlock === null ? "" : ` (the portal's data is as of block ${stale.asOfBlock})`;
}

async function settleWithin(promise: Promise<unknown>, ms: number): Promise<"done" | "late" | { error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), ms);
  });
  try {
    return await Promise.race([promise.then(() => "done" as const, (error: unknown) => ({ error })), late]);
  } finally {
    clearTimeout(timer);
  }
}
