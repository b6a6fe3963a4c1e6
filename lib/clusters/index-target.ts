import "server-only";
import { publicClient } from "@/lib/chain/client";
import { syncClusterIndex, type IndexTarget } from "@/lib/chain/cluster-index";
import type { IndexScope } from "@/lib/chain/indexed-clusters";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { creatorAccount } from "./configured";

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

/** The index, synced to the chain head: every page and route handler starts here. */
export async function syncedIndex() {
  const target = await indexTarget();
  await syncClusterIndex(target);
  return target;
}
