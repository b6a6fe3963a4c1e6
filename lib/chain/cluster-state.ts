import type { Address, ContractFunctionReturnType, Hex, PublicClient } from "viem";
import { auctionAbi } from "@/contracts-abi";
import { chainHead, sharedAtBlock } from "./block-reads";
import { boundedMulticall } from "./bounded-multicall";

/**
 * On-chain state of the clusters a page shows: every cluster's details, the winning bid of every
 * node and the global details of every operator, read together. No per-row round trips.
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

/** ClusterStatus for people, by value. */
export const chainStatusLabels = ["Inactive", "In creation", "Deposited", "Active", "Exited"] as const;

/**
 * Reads `wanted` at `blockNumber` (default: the head). Each item read at a block is shared with
 * every other caller at that block (./block-reads); the items nobody has read yet go out
 * together in gas-bounded multicalls (./bounded-multicall).
 */
export async function readChainState(
  client: PublicClient,
  auction: Address,
  wanted: { clusterIds: readonly Hex[]; bidIds: readonly Hex[]; operators: readonly Address[] },
  options: { blockNumber?: bigint } = {},
): Promise<ChainState> {
  const items = [
    ...[...new Set(wanted.clusterIds)].map((id) => ({ key: `cluster:${id}`, call: { functionName: "getClusterDetails", args: [id] } as const })),
    ...[...new Set(wanted.bidIds)].map((id) => ({ key: `bid:${id}`, call: { functionName: "getBidDetails", args: [id] } as const })),
    ...[...new Set(wanted.operators)].map((op) => ({ key: `operator:${op}`, call: { functionName: "getNodeOpDetails", args: [op] } as const })),
  ];
  const state: ChainState = { clusters: new Map(), bids: new Map(), operators: new Map() };
  if (items.length === 0) return state;
  const blockNumber = options.blockNumber ?? (await chainHead(client));

  // Items not yet read at this block join one batch, sent once every item has been looked up.
  const missing: (typeof items)[number]["call"][] = [];
  let send!: () => void;
  const batch = new Promise<unknown[]>((resolve, reject) => {
    send = () => void boundedMulticall(client, missing.map((call) => ({ address: auction, abi: auctionAbi, ...call })), { blockNumber }).then(resolve, reject);
  });
  const values = items.map(({ key, call }) =>
    sharedAtBlock(client, blockNumber, `${auction}:${key}`, () => {
      const i = missing.push(call) - 1;
      return batch.then((results) => results[i]);
    }),
  );
  if (missing.length > 0) send();
  const results = await Promise.all(values);
  items.forEach(({ call }, i) => {
    if (call.functionName === "getClusterDetails") state.clusters.set(call.args[0], results[i] as ClusterDetails);
    else if (call.functionName === "getBidDetails") state.bids.set(call.args[0], results[i] as BidDetails);
    else state.operators.set(call.args[0], results[i] as NodeOpDetails);
  });
  return state;
}
