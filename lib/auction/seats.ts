import type { Address, Hex } from "viem";
import { CLUSTER_SIZE } from "./math";

/**
 * The auction's seating rule, shared by the ranking (server) and the bid preview (browser): an
 * auction takes the best bids from the top of the ranking, one seat per operator, until the
 * cluster's four seats are filled (the virtual cluster the contract keeps in its main auction);
 * with fewer than four distinct operators no virtual cluster waits and no auction can run
 * (`MainAuctionEmpty`).
 */

export type RankEntry = { bidId: Hex; nodeOp: Address; auctionScore: bigint };

export type Seating = {
  /** Seat number (1-4) of each bid that would win now; empty when the auction cannot run. */
  seats: Map<Hex, number>;
  /** Bids ranked above the last seat whose operator already holds a better seat. */
  passedOver: Set<Hex>;
  /** Whether four distinct operators are bidding, so an auction could run now. */
  complete: boolean;
};

const seatsPerCluster = Number(CLUSTER_SIZE);

/** Who would win an auction run now, for a ranking ordered best first. */
export function seatWinners(ranking: readonly RankEntry[]): Seating {
  const seats = new Map<Hex, number>();
  const passedOver = new Set<Hex>();
  const seated = new Set<string>();
  for (const entry of ranking) {
    if (seats.size === seatsPerCluster) break;
    const operator = entry.nodeOp.toLowerCase();
    if (seated.has(operator)) {
      passedOver.add(entry.bidId);
      continue;
    }
    seated.add(operator);
    seats.set(entry.bidId, seats.size + 1);
  }
  const complete = seats.size === seatsPerCluster;
  return complete ? { seats, passedOver, complete } : { seats: new Map(), passedOver: new Set(), complete };
}

export type Placement = {
  /** 1-based position the bid would take in the ranking. */
  rank: number;
  /** Number of bids in the ranking with this one. */
  of: number;
  /** The seat it would win if an auction ran now, or null. */
  seat: number | null;
  /** Whether an auction could run with this bid in the ranking. */
  complete: boolean;
  /** Its operator already holds a better seat, so this bid would not win one. */
  passedOver: boolean;
};

const previewId = "0x" as Hex;

/**
 * Where a bid would land: the contract inserts it below every bid with an equal or higher score
 * (older bids keep their place). A changed bid leaves its old place first (`replaces`).
 */
export function placeBid(ranking: readonly RankEntry[], bid: { nodeOp: Address; auctionScore: bigint; replaces?: Hex }): Placement {
  const others = ranking.filter((entry) => entry.bidId !== bid.replaces);
  const index = others.findIndex((entry) => entry.auctionScore < bid.auctionScore);
  const at = index === -1 ? others.length : index;
  const candidate: RankEntry = { bidId: previewId, nodeOp: bid.nodeOp, auctionScore: bid.auctionScore };
  const seating = seatWinners([...others.slice(0, at), candidate, ...others.slice(at)]);
  return {
    rank: at + 1,
    of: others.length + 1,
    seat: seating.seats.get(previewId) ?? null,
    complete: seating.complete,
    passedOver: seating.passedOver.has(previewId),
  };
}
