import "server-only";
import { publicClient } from "@/lib/chain/client";
import { readChainState } from "@/lib/chain/cluster-state";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { creatorAccount } from "./creator";
import { findCluster } from "./find-cluster";

/** A cluster's status on-chain, in one eth_call. */
async function clusterStatus(cluster: IndexedCluster): Promise<number> {
  const state = await readChainState(publicClient(), getEnv().AUCTION_ADDRESS, { clusterIds: [cluster.clusterId], bidIds: [], operators: [] });
  return state.clusters.get(cluster.clusterId)!.status;
}

/** What the sync and lock route handlers need on the configured network. */
export const configuredDeps = {
  db: getDatabase,
  findCluster,
  creator: creatorAccount,
  forkVersion: () => getEnv().FORK_VERSION,
  client: publicClient,
  clusterStatus,
};
