import type { Address, Hex } from "viem";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import { listIndexedClusters, ownClustersLimit, type IndexScope, type ListedCluster } from "@/lib/chain/indexed-clusters";
import type { Sql } from "@/lib/db";
import { locksOf } from "@/lib/locks/storage";
import { readClustersSync, type OperatorSync } from "@/lib/sync/cluster-sync";
import { pendingStepOf } from "@/lib/sync/steps";

export type WaitingAction = { cluster: ListedCluster; step: OperatorSync };

/**
 * The clusters whose next step is `operator`'s (the orange action block of the cluster page),
 * from the store alone: the step machine of lib/sync over the stored chain status, which the
 * watcher keeps fresh. Finished clusters (deposited, or with a lock) never wait on anyone.
 */
export async function actionsWaitingOn(sql: Sql, scope: IndexScope, operator: Address): Promise<WaitingAction[]> {
  const { clusters } = await listIndexedClusters(sql, scope, { operator, limit: ownClustersLimit, offset: 0, sort: "newest" });
  return waitingAmong(sql, clusters, operator);
}

/** Those of `clusters` whose next step is `operator`'s. */
export async function waitingAmong(sql: Sql, clusters: readonly ListedCluster[], operator: Address): Promise<WaitingAction[]> {
  const open = clusters.filter((c) => c.stored.status < ClusterStatus.DEPOSITED);
  const locks = await locksOf(sql, open.map((c) => c.configHash));
  const syncs = await readClustersSync(
    sql,
    open.map((cluster) => ({ cluster, chainStatus: cluster.stored.status, hasLock: locks.has(cluster.configHash.toLowerCase() as Hex) })),
  );
  return open.flatMap((cluster) => {
    const step = pendingStepOf(syncs.get(cluster.configHash.toLowerCase() as Hex)!, operator);
    return step ? [{ cluster, step }] : [];
  });
}
