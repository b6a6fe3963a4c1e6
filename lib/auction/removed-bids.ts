import { getAbiItem, isAddressEqual, type Address, type Hex, type PublicClient } from "viem";
import { auctionAbi } from "@/contracts-abi";
import { getLogsChunked } from "@/lib/chain/logs";

/**
 * Bids Byzantine removed (`removeBid`, event BidRemoved): gone from the ranking and from
 * getBidDetails, so the operator learns of them only here, with the refund the auction sent
 * (the bid's last price, from its BidPlaced / BidUpdated). Removals are rare, so the auction's
 * BidRemoved logs are read once and then only for new blocks, per auction, in this process.
 */

export type RemovedBid = {
  bidId: Hex;
  nodeOp: Address;
  blockNumber: bigint;
  txHash: Hex;
  /** Wei refunded: the bid's last price (plus a bond, were the operator not whitelisted). */
  refund: bigint;
  discountRate: number;
  duration: number;
};

const bidRemoved = getAbiItem({ abi: auctionAbi, name: "BidRemoved" });
const bidPlaced = getAbiItem({ abi: auctionAbi, name: "BidPlaced" });
const bidUpdated = getAbiItem({ abi: auctionAbi, name: "BidUpdated" });

type Scan = { nextBlock: bigint; removed: RemovedBid[] };
const scans = new Map<string, Promise<Scan>>();

export type RemovedBidsTarget = { client: PublicClient; auction: Address; deploymentBlock: bigint; chunkSize: number };

async function scanFrom(target: RemovedBidsTarget, previous: Scan, head: bigint): Promise<Scan> {
  if (head < previous.nextBlock) return previous;
  const range = { client: target.client, address: target.auction, toBlock: head, chunkSize: target.chunkSize };
  const removals = await getLogsChunked({ ...range, events: [bidRemoved], fromBlock: previous.nextBlock });
  if (removals.length === 0) return { nextBlock: head + 1n, removed: previous.removed };
  // The price each removed bid was refunded: its last placement or change before the removal.
  const history = await getLogsChunked({ ...range, events: [bidPlaced, bidUpdated], fromBlock: target.deploymentBlock });
  const removed = removals.map((log): RemovedBid => {
    let last: { price: bigint; discountRate: number; duration: number } = { price: 0n, discountRate: 0, duration: 0 };
    for (const h of history) {
      if (h.blockNumber > log.blockNumber || (h.blockNumber === log.blockNumber && h.logIndex > log.logIndex)) continue;
      if (h.eventName === "BidPlaced" && h.args.bidId === log.args.bidId) last = { price: h.args.bidPrice, discountRate: h.args.discountRate, duration: h.args.duration };
      if (h.eventName === "BidUpdated" && h.args.bidId === log.args.bidId) last = { price: h.args.newBidPrice, discountRate: h.args.newDiscountRate, duration: h.args.newDuration };
    }
    return {
      bidId: log.args.bidId,
      nodeOp: log.args.nodeOpAddr,
      blockNumber: log.blockNumber,
      txHash: log.transactionHash,
      refund: last.price,
      discountRate: last.discountRate,
      duration: last.duration,
    };
  });
  return { nextBlock: head + 1n, removed: [...previous.removed, ...removed] };
}

/** The bids of `account` that Byzantine removed, newest first, read up to `head`. */
export async function readRemovedBids(target: RemovedBidsTarget, account: Address, head: bigint): Promise<RemovedBid[]> {
  const key = `${target.auction}:${target.deploymentBlock}`;
  const previous = (await scans.get(key)?.catch(() => undefined)) ?? { nextBlock: target.deploymentBlock, removed: [] };
  const scan = scanFrom(target, previous, head);
  scans.set(key, scan);
  return (await scan).removed.filter((bid) => isAddressEqual(bid.nodeOp, account)).sort((a, b) => Number(b.blockNumber - a.blockNumber));
}
