import type { Address, Hex } from "viem";
import { describe, expect, it } from "vitest";
import { placeBid, seatWinners, type RankEntry } from "./seats";

const op = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const id = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;

/** A ranking from operator numbers, best first, with falling scores 100, 90, 80… */
function ranking(...operators: number[]): RankEntry[] {
  return operators.map((o, i) => ({ bidId: id(i + 1), nodeOp: op(o), auctionScore: BigInt(100 - i * 10) }));
}

describe("seatWinners", () => {
  it("seats the four best bids of four operators", () => {
    const s = seatWinners(ranking(1, 2, 3, 4, 5));
    expect([...s.seats]).toEqual([[id(1), 1], [id(2), 2], [id(3), 3], [id(4), 4]]);
    expect(s.complete).toBe(true);
    expect(s.passedOver.size).toBe(0);
  });

  it("gives an operator one seat: its lower bids are passed over and the next operator sits", () => {
    const s = seatWinners(ranking(1, 1, 2, 2, 3, 4, 1, 5));
    expect([...s.seats]).toEqual([[id(1), 1], [id(3), 2], [id(5), 3], [id(6), 4]]);
    expect([...s.passedOver]).toEqual([id(2), id(4)]);
  });

  it("compares operators case-insensitively", () => {
    const r = ranking(1, 2, 3, 4, 5);
    r[1] = { ...r[1], nodeOp: "0xABCDEF0000000000000000000000000000000001" };
    r[2] = { ...r[2], nodeOp: "0xabcdef0000000000000000000000000000000001" };
    expect([...seatWinners(r).seats.keys()]).toEqual([id(1), id(2), id(4), id(5)]);
  });

  it("seats nobody with fewer than four distinct operators (the contract's MainAuctionEmpty)", () => {
    expect(seatWinners(ranking(1, 1, 2, 3, 3))).toEqual({ seats: new Map(), passedOver: new Set(), complete: false });
    expect(seatWinners([]).complete).toBe(false);
  });
});

describe("placeBid", () => {
  const r = ranking(1, 2, 3, 4, 5); // scores 100 90 80 70 60

  it("lands below every bid with an equal or higher score, as the contract inserts", () => {
    expect(placeBid(r, { nodeOp: op(9), auctionScore: 95n })).toMatchObject({ rank: 2, of: 6, seat: 2, complete: true });
    expect(placeBid(r, { nodeOp: op(9), auctionScore: 90n })).toMatchObject({ rank: 3, seat: 3 });
    expect(placeBid(r, { nodeOp: op(9), auctionScore: 101n })).toMatchObject({ rank: 1, seat: 1 });
    expect(placeBid(r, { nodeOp: op(9), auctionScore: 60n })).toMatchObject({ rank: 6, seat: null });
    expect(placeBid([], { nodeOp: op(9), auctionScore: 1n })).toEqual({ rank: 1, of: 1, seat: null, complete: false, passedOver: false });
  });

  it("wins no second seat for an operator that already has one", () => {
    expect(placeBid(r, { nodeOp: op(1), auctionScore: 85n })).toMatchObject({ rank: 3, seat: null, passedOver: true });
  });

  it("moves a changed bid instead of counting it twice", () => {
    expect(placeBid(r, { nodeOp: op(5), auctionScore: 200n, replaces: id(5) })).toMatchObject({ rank: 1, of: 5, seat: 1, passedOver: false });
    expect(placeBid(r, { nodeOp: op(1), auctionScore: 10n, replaces: id(1) })).toMatchObject({ rank: 5, of: 5, seat: null });
  });

  it("can complete an auction that could not run", () => {
    expect(placeBid(ranking(1, 2, 3), { nodeOp: op(4), auctionScore: 1n })).toMatchObject({ rank: 4, seat: 4, complete: true });
  });
});
