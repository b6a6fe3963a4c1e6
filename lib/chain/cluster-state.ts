import type { Address, ContractFunctionReturnType, Hex, PublicClient } from "viem";
import { auctionAbi } from "@/contracts-abi";

/**
 * On-chain state of the clusters a page shows, read in one multicall: every cluster's details,
 * the winning bid of every node and the global details of every operator. No per-row round trips.
 */

export type ClusterDetails = ContractFunctionReturnType<typeof auctionAbi, "view", "getClusterDetails">;
export type BidDetails = ContractFunctionReturnType<typeof auctionAbi, "view", "getBidDetails">;
export type NodeOpDetails = ContractFunctionReturnType<typeof auctionAbi, "view", "getNodeOpDetails">;

export type ChainState = {
  clusters: Map<Hex, ClusterDetails>;
  bids: Map<Hex, BidDetails>;
  operators: Map<Address, NodeOpDetails>;
};

export const ClusterStatus = { INACTIVE: 0, IN_CREATION: 1, DEPOSITED: 2, VERIFIED: 3, EXITED: 4 } as const;

// Big enough for a page of clusters in one eth_call; viem's default (1 kB) would split it.
export const multicallBatchBytes = 256 * 1024;

export async function readChainState(
  client: PublicClient,
  auction: Address,
  wanted: { clusterIds: readonly Hex[]; bidIds: readonly Hex[]; operators: readonly Address[] },
): Promise<ChainState> {
  const clusterIds = [...new Set(wanted.clusterIds)];
  const bidIds = [...new Set(wanted.bidIds)];
  const operators = [...new Set(wanted.operators)];
  if (clusterIds.length + bidIds.length + operators.length === 0) {
    return { clusters: new Map(), bids: new Map(), operators: new Map() };
  }
  const results = await client.multicall({
    allowFailure: false,
    batchSize: multicallBatchBytes,
    contracts: [
      ...clusterIds.map((id) => ({ address: auction, abi: auctionAbi, functionName: "getClusterDetails", args: [id] }) as const),
      ...bidIds.map((id) => ({ address: auction, abi: auctionAbi, functionName: "getBidDetails", args: [id] }) as const),
      ...operators.map((op) => ({ address: auction, abi: auctionAbi, functionName: "getNodeOpDetails", args: [op] }) as const),
    ],
  });
  let i = 0;
  const take = <T,>() => results[i++] as T;
  return {
    clusters: new Map(clusterIds.map((id) => [id, take<ClusterDetails>()])),
    bids: new Map(bidIds.map((id) => [id, take<BidDetails>()])),
    operators: new Map(operators.map((op) => [op, take<NodeOpDetails>()])),
  };
}
