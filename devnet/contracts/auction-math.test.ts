/**
 * lib/auction/math.ts against the contract, to the wei: getPriceToPay on the shared chain
 * (read-only), BidPlaced / getBidDetails on a private chain (bids mutate it).
 */
import { parseEventLogs } from "viem";
import { describe, expect, it } from "vitest";
import { auctionAbi } from "@/contracts-abi";
import { auctionScore, bidPrice, JOIN_CLUSTER_4, Uint256OverflowError } from "@/lib/auction/math";
import { devAccounts, seededOperators } from "../accounts";
import { auctionParameters } from "../deploy";
import { mined, ownChain, revertAfterEach, revertName, testChain } from "../testing/chain";

const discounts = [0, 1, 1999, 2000] as const;
const durations = [90, 91, 365, 1000, 3650, 10_000] as const;
const grid = discounts.flatMap((discountRate) => durations.map((days) => [discountRate, days] as const));
const E = auctionParameters.expectedDailyReturnWei;

describe("getPriceToPay (shared chain)", () => {
  it.each(grid)("discount %i, %i days: equals bidPrice", async (discountRate, days) => {
    const { publicClient, deployment } = testChain();
    const price = await publicClient.readContract({
      address: deployment.auction,
      abi: auctionAbi,
      functionName: "getPriceToPay",
      args: [seededOperators[0].address, discountRate, days, JOIN_CLUSTER_4],
    });
    expect(price).toBe(bidPrice({ expectedDailyReturnWei: E }, discountRate, days));
  });

  it("reverts with Panic(0x11) from 531088 days on, where math.ts overflows", async () => {
    const { publicClient, deployment } = testChain();
    const quote = (days: number) =>
      publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getPriceToPay", args: [seededOperators[0].address, 0, days, JOIN_CLUSTER_4] });
    expect(await quote(531_087)).toBe(bidPrice(E, 0, 531_087));
    expect(auctionScore(E, 0, 531_087)).toBeGreaterThan(0n);
    for (const days of [531_088, 1_000_000, 2 ** 32 - 1]) {
      expect(await revertName(quote(days)), `${days} days`).toBe("Panic");
      expect(() => auctionScore(E, 0, days)).toThrow(Uint256OverflowError);
    }
  });
});

describe("BidPlaced and getBidDetails (private chain)", () => {
  const chain = ownChain();
  const owner = devAccounts[0];
  const operator = devAccounts[13];
  revertAfterEach(chain);

  const place = async (discountRate: number, days: number, value: bigint) => {
    const { publicClient, deployment, wallet } = chain();
    const receipt = await mined(publicClient, wallet(operator).writeContract({ address: deployment.auction, abi: auctionAbi, functionName: "bid", args: [discountRate, days, JOIN_CLUSTER_4], value }));
    const [placed] = parseEventLogs({ abi: auctionAbi, eventName: "BidPlaced", logs: receipt.logs });
    const details = await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getBidDetails", args: [placed.args.bidId] });
    return { placed: placed.args, details };
  };
  const whitelist = async () => {
    const { publicClient, deployment, wallet } = chain();
    await mined(publicClient, wallet(owner).writeContract({ address: deployment.auction, abi: auctionAbi, functionName: "whitelistNodeOps", args: [[operator.address]] }));
  };
  const ownerCall = async (functionName: "updateExpectedDailyReturnWei" | "updateMaxDiscountRate" | "updateMinDuration", value: bigint | number) => {
    const { publicClient, deployment, wallet } = chain();
    await mined(publicClient, wallet(owner).writeContract({ address: deployment.auction, abi: auctionAbi, functionName, args: [value] } as never));
  };

  it("stores and emits math.ts's price and score for every grid point (reputation 1)", async () => {
    await whitelist();
    const { publicClient, deployment } = chain();
    const nodeOp = await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getNodeOpDetails", args: [operator.address] });
    expect(nodeOp.reputationScore).toBe(1);
    for (const [discountRate, days] of grid) {
      const price = bidPrice(E, discountRate, days);
      const score = auctionScore(E, discountRate, days, nodeOp.reputationScore);
      const { placed, details } = await place(discountRate, days, price);
      const at = `discount ${discountRate}, ${days} days`;
      expect({ price: placed.bidPrice, score: placed.auctionScore, discountRate: placed.discountRate, duration: placed.duration }, at).toEqual({ price, score, discountRate, duration: days });
      expect(details, at).toEqual({ auctionScore: score, bidPrice: price, nodeOp: operator.address, vcNumber: days, discountRate, auctionType: JOIN_CLUSTER_4 });
    }
  });

  it("follows the owner's parameters: another daily return, a 100 % discount, no minimum duration", async () => {
    await whitelist();
    const odd = 10n ** 18n + 7n;
    await ownerCall("updateExpectedDailyReturnWei", odd);
    await ownerCall("updateMaxDiscountRate", 10_000);
    await ownerCall("updateMinDuration", 0);
    for (const [discountRate, days] of [[0, 90], [3333, 3650], [9999, 1], [10_000, 365], [0, 0], [1234, 0]] as const) {
      const { placed } = await place(discountRate, days, bidPrice({ expectedDailyReturnWei: odd }, discountRate, days));
      expect([placed.bidPrice, placed.auctionScore], `discount ${discountRate}, ${days} days`).toEqual([
        bidPrice({ expectedDailyReturnWei: odd }, discountRate, days),
        auctionScore({ expectedDailyReturnWei: odd }, discountRate, days),
      ]);
    }
    // With no minimum duration a zero-day bid is free yet scores the full daily price.
    const { placed } = await place(0, 0, 0n);
    expect(placed.bidPrice).toBe(0n);
    expect(placed.auctionScore).toBe((odd * 10_000n) / 40_000n);
  });

  it("overflows (Panic 0x11) exactly where math.ts does with a huge daily return", async () => {
    await whitelist();
    const huge = 10n ** 55n + 1n;
    await ownerCall("updateExpectedDailyReturnWei", huge);
    const { publicClient, deployment } = chain();
    let agreed = { ok: 0, overflow: 0 };
    // math.ts puts the boundary between 107438 and 107439 days for this return.
    for (const days of [90, 365, 3650, 10_000, 50_000, 107_437, 107_438, 107_439, 107_440, 200_000, 531_087]) {
      let expected: bigint | "Panic";
      try {
        auctionScore({ expectedDailyReturnWei: huge }, 1, days);
        expected = bidPrice({ expectedDailyReturnWei: huge }, 1, days);
      } catch (error) {
        expect(error).toBeInstanceOf(Uint256OverflowError);
        expected = "Panic";
      }
      const quote = publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getPriceToPay", args: [operator.address, 1, days, JOIN_CLUSTER_4] });
      const actual = expected === "Panic" ? await revertName(quote) : await quote;
      expect(actual, `${days} days`).toBe(expected);
      agreed = expected === "Panic" ? { ...agreed, overflow: agreed.overflow + 1 } : { ...agreed, ok: agreed.ok + 1 };
    }
    // Both sides of the boundary were exercised.
    expect(agreed.ok).toBeGreaterThan(2);
    expect(agreed.overflow).toBeGreaterThan(2);
  });

  it("underflows like math.ts refuses once the owner allows a discount above 100 %", async () => {
    await whitelist();
    await ownerCall("updateMaxDiscountRate", 10_001);
    const { publicClient, deployment } = chain();
    expect(
      await revertName(publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getPriceToPay", args: [operator.address, 10_001, 90, JOIN_CLUSTER_4] })),
    ).toBe("Panic");
    expect(() => bidPrice(E, 10_001, 90)).toThrow(RangeError);
  });
});
