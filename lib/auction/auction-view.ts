import "server-only";
import { getAddress, type Address, type Hex, type PublicClient } from "viem";
import { z } from "zod";
import { readChainState } from "@/lib/chain/cluster-state";
import { listIndexedClusters, type IndexedCluster, type IndexScope, ownClustersLimit } from "@/lib/chain/indexed-clusters";
import { stampOf } from "@/lib/clusters/stamp";
import type { Sql } from "@/lib/db";
import { publicClient, renderHead } from "@/lib/chain/client";
import { syncedIndex } from "@/lib/clusters/index-target";
import { getEnv } from "@/lib/env";
import { toJson } from "./json";
import { readAuction, type AuctionState, type RankedBid } from "./ranking";
import { readRemovedBids, type RemovedBid } from "./removed-bids";
import type { RankEntry } from "./seats";

/** Paging of the ranking table and of GET /api/auction. */
export const auctionQuerySchema = z.object({
  page: z.coerce.number({ message: "expected a page number" }).int("expected a whole page number").min(1, "pages start at 1").max(100_000).default(1),
  pageSize: z.coerce.number({ message: "expected a number of bids per page" }).int("expected a whole number of bids").min(1, "at least 1 bid per page").max(200, "at most 200 bids per page").default(50),
});

export type AuctionQuery = z.output<typeof auctionQuerySchema>;

/** A page of the ranking with what it was read from; the stamp changes whenever the auction does. */
function rankingPage(state: AuctionState, query: AuctionQuery) {
  const offset = (query.page - 1) * query.pageSize;
  return {
    auction: state.auction,
    blockNumber: state.blockNumber,
    parameters: state.parameters,
    numBids: state.numBids,
    complete: state.complete,
    page: query.page,
    pageSize: query.pageSize,
    total: state.ranking.length,
    rows: state.ranking.slice(offset, offset + query.pageSize),
    // Over the whole ranking and parameters, not the page or the block: equal stamps, same auction.
    stamp: stampOf(toJson({ parameters: state.parameters, ranking: state.ranking })),
  };
}

/** What GET /api/auction answers (before JSON conversion). */
export async function getAuctionRanking(query: AuctionQuery) {
  return rankingPage(await readAuction(publicClient(), getEnv().AUCTION_ADDRESS, { head: await renderHead() }), query);
}

export type WonBid = {
  bidId: Hex;
  clusterName: string;
  configHash: Hex;
  createdAt: string;
  discountRate: number;
  duration: number;
  bidPrice: bigint;
};

/** The bids `account` won: its seat in each indexed cluster it belongs to, newest first. */
export async function readWonBids(db: Sql, scope: IndexScope, client: PublicClient, account: Address): Promise<WonBid[]> {
  const { clusters } = await listIndexedClusters(db, scope, { operator: account, limit: ownClustersLimit, offset: 0, sort: "newest" });
  const seats = clusters.map((cluster: IndexedCluster) => ({ cluster, bidId: cluster.bidIds[cluster.operators.indexOf(account)] }));
  if (seats.length === 0) return [];
  const { bids } = await readChainState(client, scope.auction, { clusterIds: [], bidIds: seats.map((s) => s.bidId), operators: [] });
  return seats.map(({ cluster, bidId }) => {
    const bid = bids.get(bidId)!;
    return {
      bidId,
      clusterName: cluster.name,
      configHash: cluster.configHash,
      createdAt: cluster.createdAt.toISOString(),
      discountRate: bid.discountRate,
      duration: bid.vcNumber,
      bidPrice: bid.bidPrice,
    };
  });
}

export type AuctionAccount = {
  address: Address;
  whitelisted: boolean;
  reputation: number;
  pending: RankedBid[];
  won: WonBid[];
  /** Bids Byzantine removed from the auction, with their refunds. */
  removed: RemovedBid[];
};

/** Everything the auction page shows: a page of the ranking, the whole ranking for the preview, the connected operator's bids. */
export async function getAuctionView(query: AuctionQuery, connected: Address | null) {
  const account = connected && getAddress(connected);
  if (!account) {
    const state = await readAuction(publicClient(), getEnv().AUCTION_ADDRESS, { head: await renderHead() });
    return { ...rankingPage(state, query), ranking: entriesOf(state), account: null };
  }
  // Only an operator's won bids need the cluster index.
  const index = await syncedIndex();
  const state = await readAuction(index.client, index.auction, { account, head: await renderHead() });
  const operator = state.operator!;
  const me: AuctionAccount = {
    address: account,
    whitelisted: operator.isWhitelisted,
    reputation: operator.reputationScore,
    pending: state.ranking.filter((bid) => bid.nodeOp === account),
    won: await readWonBids(index.db, index, index.client, account),
    removed: await readRemovedBids(index, account, state.blockNumber),
  };
  return { ...rankingPage(state, query), ranking: entriesOf(state), account: me as AuctionAccount | null };
}

/** The ranking as the bid preview needs it: who bid what score, in order. */
function entriesOf(state: AuctionState): RankEntry[] {
  return state.ranking.map(({ bidId, nodeOp, auctionScore }) => ({ bidId, nodeOp, auctionScore }));
}

