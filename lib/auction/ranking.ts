import type { Address, ContractFunctionReturnType, Hex, PublicClient } from "viem";
import { auctionAbi } from "@/contracts-abi";
import { auctionHead, type AuctionHead } from "@/lib/chain/block-reads";
import { readChainState, type NodeOpDetails } from "@/lib/chain/cluster-state";
import { seatWinners, type RankEntry } from "./seats";
import { JOIN_CLUSTER_4 } from "./math";

/**
 * The auction as the chain holds it now: its parameters and the ranking of pending bids with
 * each bid's details and the seat it would win, all read at one block so the table never mixes
 * two states of the auction.
 */

/** The ranking is read whole (seats and the bid preview need all of it), up to this many bids. */
export const maxRankingRead = 2000;

type BstNode = ContractFunctionReturnType<typeof auctionAbi, "view", "getBidRanking">[number];

export type AuctionParameters = {
  expectedDailyReturnWei: bigint;
  /** Basis points. */
  maxDiscountRate: number;
  /** Days. */
  minDuration: number;
};

export type RankedBid = {
  /** 1-based place in the ranking. */
  position: number;
  bidId: Hex;
  nodeOp: Address;
  /** Basis points. */
  discountRate: number;
  /** Days of validation bought (the contract's `vcNumber`). */
  duration: number;
  /** Daily price of one validation credit the bid pays; null for a zero-day bid. */
  vcPrice: bigint | null;
  bidPrice: bigint;
  auctionScore: bigint;
  /** Seat 1-4 it would take if an auction ran now. */
  seat: number | null;
  /** Ranked above the fourth seat, but its operator already has a better seat. */
  passedOver: boolean;
};

export type AuctionState = {
  auction: Address;
  blockNumber: bigint;
  parameters: AuctionParameters;
  /** Pending bids on-chain (may exceed `ranking.length` past `maxRankingRead`). */
  numBids: number;
  ranking: RankedBid[];
  /** Four distinct operators are bidding: an auction could run now. */
  complete: boolean;
  /** The on-chain details of `account`, when one was asked for. */
  operator: NodeOpDetails | null;
};

const contract = (auction: Address) => ({ address: auction, abi: auctionAbi }) as const;

/**
 * Three requests: the head with the count of pending bids (`head`, else read here), then the
 * parameters with the ranking at that block, then the bids' details and the account's (shared
 * with every caller at that block, ../chain/cluster-state).
 */
export async function readAuction(
  client: PublicClient,
  auction: Address,
  options: { account?: Address | null; head?: AuctionHead } = {},
): Promise<AuctionState> {
  const c = contract(auction);
  // Fresh, not a cached block number: a page refreshed right after a bid must show it.
  const { block: blockNumber, pendingBids } = options.head ?? (await auctionHead(client, auction));
  const count = Number(pendingBids < BigInt(maxRankingRead) ? pendingBids : BigInt(maxRankingRead));
  const parameterCalls = [
    { ...c, functionName: "expectedDailyReturnWei" },
    { ...c, functionName: "maxDiscountRate" },
    { ...c, functionName: "minDuration" },
  ] as const;
  const [expectedDailyReturnWei, maxDiscountRate, minDuration, nodes] =
    count === 0
      ? [...(await client.multicall({ allowFailure: false, blockNumber, contracts: parameterCalls })), [] as readonly BstNode[]]
      : await client.multicall({
          allowFailure: false,
          blockNumber,
          contracts: [...parameterCalls, { ...c, functionName: "getBidRanking", args: [BigInt(count), JOIN_CLUSTER_4] }],
        });
  const { bids, operators } = await readChainState(
    client,
    auction,
    { clusterIds: [], bidIds: nodes.map((node) => node.bidId), operators: options.account ? [options.account] : [] },
    { blockNumber },
  );
  const details = nodes.map((node) => bids.get(node.bidId)!);

  // getBidRanking's ids and order are right, but Byzantine's contract returns a wrong score for
  // entries after a group of equal scores: every score shown, and the order, come from the
  // stored bid. The sort is stable, so equal scores keep the contract's order.
  const stored = nodes
    .map((node, i) => ({ bidId: node.bidId, bid: details[i] }))
    .sort((a, b) => (a.bid.auctionScore === b.bid.auctionScore ? 0 : a.bid.auctionScore > b.bid.auctionScore ? -1 : 1));
  const seating = seatWinners(stored.map(({ bidId, bid }): RankEntry => ({ bidId, nodeOp: bid.nodeOp, auctionScore: bid.auctionScore })));
  const ranking = stored.map(({ bidId, bid }, i): RankedBid => ({
    position: i + 1,
    bidId,
    nodeOp: bid.nodeOp,
    discountRate: bid.discountRate,
    duration: bid.vcNumber,
    // The stored price is duration x the daily price of the day it was set: dividing is exact
    // and stays right after the auction's expected return changes.
    vcPrice: bid.vcNumber > 0 ? bid.bidPrice / BigInt(bid.vcNumber) : null,
    bidPrice: bid.bidPrice,
    auctionScore: bid.auctionScore,
    seat: seating.seats.get(bidId) ?? null,
    passedOver: seating.passedOver.has(bidId),
  }));

  return {
    auction,
    blockNumber,
    parameters: { expectedDailyReturnWei, maxDiscountRate, minDuration },
    numBids: Number(pendingBids),
    ranking,
    complete: seating.complete,
    operator: options.account ? operators.get(options.account)! : null,
  };
}
