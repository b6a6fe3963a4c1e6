import type { Address } from "viem";
import type { ChainState } from "@/lib/chain/cluster-state";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import type { ClusterSync } from "@/lib/sync/cluster-sync";
import { pendingStepOf } from "@/lib/sync/steps";
import { clusterIdentity } from "./identity";


/** One dashboard row: what a person needs to recognise a cluster and see if it needs them. */
export function clusterSummary(cluster: IndexedCluster, state: ChainState, sync: ClusterSync, operator: Address | null) {
  const details = state.clusters.get(cluster.clusterId);
  if (!details) throw new Error(`no chain state read for cluster ${cluster.clusterId}`);
  const myIndex = operator ? cluster.operators.indexOf(operator) : -1;
  const myBid = myIndex >= 0 ? state.bids.get(cluster.bidIds[myIndex]) : undefined;
  const durations = cluster.bidIds.map((id) => state.bids.get(id)?.vcNumber ?? 0);
  return {
    ...clusterIdentity(cluster),
    validators: 1,
    operators: cluster.operators.length,
    chainStatus: details.status,
    status: sync.phase.label,
    /** The period this operator subscribed for (VC days of its winning bid), when it is one. */
    myDays: myBid ? myBid.vcNumber : null,
    /** VCs the operator still holds in this cluster. */
    myVcs: myIndex >= 0 ? details.nodes[myIndex].currentVCNumber : null,
    shortestDays: Math.min(...durations),
    longestDays: Math.max(...durations),
    isMine: myIndex >= 0,
    actionRequired: myIndex >= 0 && pendingStepOf(sync, operator)?.status === "action",
  };
}

export type ClusterSummary = ReturnType<typeof clusterSummary>;
