import "server-only";
import { cache } from "react";
import type { Hex } from "viem";
import { chainStatusLabels, readChainState } from "@/lib/chain/cluster-state";
import { findIndexedCluster, indexedThrough } from "@/lib/chain/indexed-clusters";
import { getEnv } from "@/lib/env";
import { beaconLookup, type BeaconLookup } from "@/lib/locks/beacon";
import { lockOf } from "@/lib/locks/storage";
import { validatorsView } from "@/lib/locks/validators";
import { readClustersSync } from "@/lib/sync/cluster-sync";
import { registrationsOf } from "@/lib/sync/storage";
import { findCluster } from "./find-cluster";
import { indexTarget, requireChain, storedIndexState, syncedIndex } from "./index-target";
import { clusterIdentity } from "./identity";

const zeroHash = `0x${"00".repeat(32)}`;

/**
 * Everything the cluster page shows that comes from the index and the chain, in one multicall;
 * null when no cluster has this config hash. Values are strings and numbers (JSON-safe).
 */
let beacon: BeaconLookup | undefined;

/** The configured beacon node's lookup, one per process so its answers are shared; null without one. */
function configuredBeacon(): BeaconLookup | null {
  const url = getEnv().BEACON_API_URL;
  if (!url) return null;
  beacon ??= beaconLookup(url);
  return beacon;
}

export const getClusterView = cache(async (configHash: Hex) => {
  // Both are cached per request: findCluster looks in this same synced index.
  const [index, cluster] = await Promise.all([syncedIndex(), findCluster(configHash)]);
  if (!cluster) return null;
  const head = requireChain(index, `${cluster.name}'s on-chain state`);
  const [state, stored] = await Promise.all([
    readChainState(index.client, index.auction, {
      clusterIds: [cluster.clusterId],
      bidIds: cluster.bidIds,
      operators: cluster.operators,
    }, { blockNumber: head }),
    lockOf(index.db, cluster.configHash),
  ]);
  const details = state.clusters.get(cluster.clusterId)!;
  const clusterPubKeyHash = details.clusterPubKeyHash === zeroHash ? null : details.clusterPubKeyHash;
  const [syncs, lock] = await Promise.all([
    readClustersSync(index.db, [{ cluster, chainStatus: details.status, hasLock: stored !== null }]),
    stored && validatorsView(stored, { eigenPod: cluster.eigenPod, clusterPubKeyHash, beacon: configuredBeacon() }),
  ]);
  const sync = syncs.get(cluster.configHash)!;
  const operators = cluster.operators.map((address, i) => {
    const bid = state.bids.get(cluster.bidIds[i])!;
    const op = state.operators.get(address)!;
    return {
      address,
      bidId: cluster.bidIds[i],
      reputation: op.reputationScore,
      vcsRemaining: details.nodes[i].currentVCNumber,
      discountRate: bid.discountRate,
      durationDays: bid.vcNumber,
      bidPriceWei: bid.bidPrice.toString(),
      auctionScore: bid.auctionScore.toString(),
    };
  });
  return {
    ...clusterIdentity(cluster),
    blockNumber: cluster.blockNumber.toString(),
    txHash: cluster.txHash,
    vault: cluster.vault,
    split: cluster.split,
    eigenPod: cluster.eigenPod,
    averageScore: details.averageAuctionScore.toString(),
    chainStatus: details.status,
    chainStatusLabel: chainStatusLabels[details.status] ?? `Status ${details.status}`,
    /** Chain status and synchronization progress as one phase ("Waiting for operators (2/4)", …). */
    sync,
    clusterPubKeyHash,
    /** The published lock's validators, checked against the chain (and the beacon node if configured); null before the DKG. */
    lock,
    vcsRemaining: details.nodes.reduce((n, node) => n + node.currentVCNumber, 0),
    validators: 1,
    operators,
  };
});

export type ClusterView = NonNullable<Awaited<ReturnType<typeof getClusterView>>>;

/**
 * What the cluster page shows from the store alone, for when the chain node does not answer: the
 * indexed cluster, its registered nodes, whether a lock is stored, and the last indexed block;
 * null when the last indexed state has no cluster with this config hash.
 */
export async function getStoredClusterView(configHash: Hex) {
  const index = await indexTarget();
  const cluster = await findIndexedCluster(index.db, index, configHash);
  const state = await storedIndexState();
  if (!cluster) return { ...state, cluster: null };
  const [registrations, lock] = await Promise.all([registrationsOf(index.db, [cluster.configHash]), lockOf(index.db, cluster.configHash)]);
  const regs = registrations.get(cluster.configHash.toLowerCase() as Hex) ?? [];
  return {
    ...state,
    cluster: {
      configHash: cluster.configHash,
      name: cluster.name,
      createdAt: cluster.createdAt.toISOString(),
      hasLock: lock !== null,
      operators: cluster.operators.map((address) => ({ address, enr: regs.find((r) => r.address === address)?.enr ?? null })),
    },
  };
}

export type StoredClusterView = Awaited<ReturnType<typeof getStoredClusterView>>;
