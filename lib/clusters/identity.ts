import type { IndexedCluster } from "@/lib/chain/indexed-clusters";

/** What a view of a cluster knows it by: its two ids, its name and its creation time (ISO, as the client gets it). */
export function clusterIdentity(cluster: IndexedCluster) {
  return {
    clusterId: cluster.clusterId,
    configHash: cluster.configHash,
    name: cluster.name,
    createdAt: cluster.createdAt.toISOString(),
  };
}
