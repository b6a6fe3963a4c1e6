/**
 * lib/auction/math.ts against the contract, to the wei: getPriceToPay on the shared chain
 * (read-only), BidPlaced / getBidDetails on a private chain (bids mutate it).
 */
import { parseEventLogs, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { auctionAbi } from "@/contracts-abi";
import { auctionScore, BID_REPUTATION, bidPrice, JOIN_CLUSTER_4, Uint256OverflowError } from "@/lib/auction/math";
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

  it("quotes any duration, but a bid's score overflows (Panic 0x11) from 531088 days on, where math.ts does", async () => {
    const { publicClient, deployment } = testChain();
    const operator = seededOperators[0].address;
    const quote = (days: number) => publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getPriceToPay", args: [operator, 0, days, JOIN_CLUSTER_4] });
    // Byzantine's getPriceToPay computes no score: only the bid meets the overflow, before it
    // checks the payment (none is sent: the shared chain is read-only).
    const simulateBid = (days: number) =>
      publicClient.simulateContract({ account: operator, address: deployment.auction, abi: auctionAbi, functionName: "bid", args: [0, days, JOIN_CLUSTER_4] });
    expect(auctionScore(E, 0, 531_087)).toBeGreaterThan(0n);
    expect(await revertName(simulateBid(531_087))).toBe("NotEnoughEtherSent");
    for (const days of [531_088, 1_000_000, 2 ** 32 - 1]) {
      expect(await quote(days), `${days} days`).toBe(bidPrice(E, 0, days));
      expect(await revertName(simulateBid(days)), `${days} days`).toBe("Panic");
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
    // A second in between: Byzantine's bid id is the operator and the block time.
    const latest = await publicClient.getBlock({ blockTag: "latest" });
    await publicClient.request({ method: "evm_setNextBlockTimestamp", params: [toHex(latest.timestamp + 1n)] } as never);
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

  it("stores and emits math.ts's price and score for every grid point, with reputation 1 whatever the operator's (0)", async () => {
    await whitelist();
    const { publicClient, deployment } = chain();
    const nodeOp = await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getNodeOpDetails", args: [operator.address] });
    expect(nodeOp.reputationScore).toBe(0);
    for (const [discountRate, days] of grid) {
      const price = bidPrice(E, discountRate, days);
      const score = auctionScore(E, discountRate, days, BID_REPUTATION);
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
    for (const [discountRate, days] of [[0, 90], [3333, 3650], [9999, 1], [0, 0], [1234, 0]] as const) {
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
    // A 100 % discount scores 0, which Byzantine's score tree refuses.
    expect(auctionScore({ expectedDailyReturnWei: odd }, 10_000, 365)).toBe(0n);
    const { publicClient, deployment } = chain();
    const refused = await publicClient
      .simulateContract({ account: operator, address: deployment.auction, abi: auctionAbi, functionName: "bid", args: [10_000, 365, JOIN_CLUSTER_4] })
      .then(() => "placed", (e: unknown) => (e as Error).message);
    expect(refused).toContain("OrderStatisticsTree(405) - Value to insert cannot be zero");
  });

  it("overflows (Panic 0x11) exactly where math.ts does with a huge daily return", async () => {
    await whitelist();
    const huge = 10n ** 55n + 1n;
    await ownerCall("updateExpectedDailyReturnWei", huge);
    const { publicClient, deployment } = chain();
    await publicClient.request({ method: "anvil_setBalance", params: [operator.address, toHex(2n ** 250n)] } as never);
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
      // The bid meets the score's overflow (getPriceToPay computes no score).
      const value = bidPrice({ expectedDailyReturnWei: huge }, 1, days);
      const simulated = publicClient.simulateContract({ account: operator, address: deployment.auction, abi: auctionAbi, functionName: "bid", args: [1, days, JOIN_CLUSTER_4], value });
      const actual = expected === "Panic" ? await revertName(simulated) : (await simulated, value);
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
