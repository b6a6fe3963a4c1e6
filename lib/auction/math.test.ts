import { describe, expect, it } from "vitest";
import {
  auctionScore,
  averageScore,
  bidPrice,
  CLUSTER_SIZE,
  DAILY_GROWTH_RAY,
  dailyVcPrice,
  durationWeight,
  RAY,
  rpow,
  Uint256OverflowError,
  WAD,
} from "./math";

/** Byzantine's testnet expectedDailyReturnWei (32 ETH x 3.7 % / 365). */
const E = 3243835616438356n;
const params = { expectedDailyReturnWei: E };

describe("dailyVcPrice", () => {
  it.each([
    // [discountRate, expected]: E * (10000 - d) / 40000, floored; worked by hand.
    [0, 810958904109589n], // E / 4 = 810958904109589 exactly
    [1, 810877808219178n], // E * 9999 / 40000 = 810877808219178.16...
    [1999, 648848219178082n], // E * 8001 / 40000 = 648848219178082.0...
    [2000, 648767123287671n], // E / 5 = 648767123287671.2
    [5000, 405479452054794n], // E / 8 = 405479452054794.5
    [10_000, 0n],
  ] as const)("discount %i bp -> %s wei a day", (discountRate, expected) => {
    expect(dailyVcPrice(params, discountRate)).toBe(expected);
    expect(dailyVcPrice(E, discountRate)).toBe(expected);
  });

  it("divides by the cluster size", () => {
    expect(CLUSTER_SIZE).toBe(4n);
    expect(dailyVcPrice({ expectedDailyReturnWei: E, clusterSize: 7 }, 0)).toBe(463405088062622n); // E / 7 = 463405088062622.28
    expect(dailyVcPrice({ expectedDailyReturnWei: 40_000n, clusterSize: 4n }, 1)).toBe(9_999n);
    expect(dailyVcPrice({ expectedDailyReturnWei: 39_999n }, 0)).toBe(9_999n); // 9999.75 floored
  });

  it("refuses what the contract's types cannot hold", () => {
    expect(() => dailyVcPrice(params, 10_001)).toThrow(RangeError);
    expect(() => dailyVcPrice(params, -1)).toThrow(RangeError);
    expect(() => dailyVcPrice(params, 1.5)).toThrow(RangeError);
    expect(() => dailyVcPrice({ expectedDailyReturnWei: -1n }, 0)).toThrow(RangeError);
    expect(() => dailyVcPrice({ expectedDailyReturnWei: E, clusterSize: 0 }, 0)).toThrow(RangeError);
  });

  it("overflows where `expectedDailyReturnWei * (10000 - d)` would", () => {
    const max = 2n ** 256n - 1n;
    expect(dailyVcPrice({ expectedDailyReturnWei: max }, 10_000)).toBe(0n);
    expect(dailyVcPrice({ expectedDailyReturnWei: max }, 9_999)).toBe(max / 40_000n);
    expect(() => dailyVcPrice({ expectedDailyReturnWei: max }, 9_998)).toThrow(Uint256OverflowError);
    expect(() => dailyVcPrice({ expectedDailyReturnWei: max / 10_000n + 1n }, 0)).toThrow(Uint256OverflowError);
    expect(dailyVcPrice({ expectedDailyReturnWei: max / 10_000n }, 0)).toBe(max / 10_000n / 4n);
  });
});

describe("bidPrice", () => {
  it.each([
    [0, 90, 90n * 810958904109589n],
    [2000, 91, 91n * 648767123287671n],
    [1999, 3650, 3650n * 648848219178082n],
    [0, 10_000, 10_000n * 810958904109589n],
    [1, 2 ** 32 - 1, 4294967295n * 810877808219178n],
  ] as const)("discount %i, %i days", (discountRate, days, expected) => {
    expect(bidPrice(params, discountRate, days)).toBe(expected);
    expect(bidPrice(params, BigInt(discountRate), BigInt(days))).toBe(expected);
  });

  it("refuses durations that are not uint32", () => {
    expect(() => bidPrice(params, 0, -1)).toThrow(RangeError);
    expect(() => bidPrice(params, 0, 2 ** 32)).toThrow(RangeError);
    expect(() => bidPrice(params, 0, 90.5)).toThrow(RangeError);
  });
});

describe("rpow", () => {
  it("rounds each product half up (scalar 10: 1.5^2 = 2.25 -> 2.3, 1.5^3 = 2.3 x 1.5 = 3.45 -> 3.5)", () => {
    expect(rpow(15n, 2n, 10n)).toBe(23n);
    expect(rpow(15n, 3n, 10n)).toBe(35n);
    expect(rpow(5n, 2n, 10n)).toBe(3n); // 0.25 -> 0.3
    expect(rpow(14n, 2n, 10n)).toBe(20n); // 1.96 -> 2.0
    expect(rpow(12n, 4n, 10n)).toBe(20n); // 1.2^2 = 1.44 -> 1.4, 1.4^2 = 1.96 -> 2.0 (exactly 2.0736)
  });

  it.each([
    // [x, n, scalar, expected]
    [DAILY_GROWTH_RAY, 0n, RAY, RAY],
    [DAILY_GROWTH_RAY, 1n, RAY, DAILY_GROWTH_RAY],
    [DAILY_GROWTH_RAY, 2n, RAY, 100_020_001n * 10n ** 19n],
    [DAILY_GROWTH_RAY, 3n, RAY, 1_000_300_030_001n * 10n ** 15n],
    [2n * RAY, 10n, RAY, 1024n * RAY],
    [2n * WAD, 10n, WAD, 1024n * WAD],
    [0n, 0n, RAY, RAY],
    [0n, 5n, RAY, 0n],
    [RAY, 1_000_000n, RAY, RAY],
  ] as const)("rpow(%s, %s, %s)", (x, n, scalar, expected) => {
    expect(rpow(x, n, scalar)).toBe(expected);
  });

  it.each([90, 91, 365, 1000, 3650, 10_000, 100_000, 500_000])("stays within 1e-21 (relative) of the exact 1.0001^%i", (n) => {
    const exact = (10_001n ** BigInt(n) * RAY) / 10_000n ** BigInt(n);
    const error = rpow(DAILY_GROWTH_RAY, BigInt(n)) - exact;
    expect(error < 0n ? -error : error).toBeLessThanOrEqual(exact / 10n ** 21n + 1n);
  });

  it("overflows exactly where the contract's checked multiplication would", () => {
    expect(() => rpow(DAILY_GROWTH_RAY, 531_087n)).not.toThrow();
    expect(() => rpow(DAILY_GROWTH_RAY, 531_088n)).toThrow(Uint256OverflowError);
    expect(() => rpow(2n ** 129n, 2n, 1n)).toThrow(Uint256OverflowError);
  });
});

describe("durationWeight", () => {
  it.each([
    [0, WAD],
    [1, 1_000_100_000_000_000_000n],
    [2, 1_000_200_010_000_000_000n],
    [365, 1_037_172_411_302_551_929n],
    [3650, 1_440_487_720_760_919_451n],
  ] as const)("1.0001^%i in WAD", (days, expected) => {
    expect(durationWeight(days)).toBe(expected);
  });

  it("equals floor(1.0001^n x 1e18) computed exactly, for every n up to 4000 days", () => {
    let numerator = 1n;
    let denominator = 1n;
    for (let n = 0; n <= 4000; n++) {
      const exact = (numerator * WAD) / denominator;
      if (durationWeight(n) !== exact) expect.fail(`1.0001^${n}: ${durationWeight(n)} != ${exact}`);
      numerator *= 10_001n;
      denominator *= 10_000n;
    }
  });
});

describe("auctionScore", () => {
  // Read from the development Auction contract (BidPlaced bidPrice and auctionScore) for these inputs
  // with Byzantine's expectedDailyReturnWei and reputation 1; devnet/contracts/auction-math.test.ts
  // re-checks the live contract against this module.
  const fromContract: [discountRate: number, days: number, price: bigint, score: bigint][] = [
    [0, 90, 72986301369863010n, 818290108629709n],
    [0, 91, 73797260273972599n, 818371937640572n],
    [0, 365, 295999999999999985n, 841104202042617n],
    [0, 1000, 810958904109589000n, 896243715645361n],
    [0, 3650, 2959999999999999850n, 1168176343411594n],
    [0, 10000, 8109589041095890000n, 2204304642028127n],
    [0, 100000, 81095890410958900000n, 17853630110606713613n],
    [0, 531087, 430689731506849293243n, 93899014399608706832012934679943723116n],
    [1, 90, 72979002739726020n, 818208279618846n],
    [1, 3650, 2959703999999999700n, 1168059525777253n],
    [1, 10000, 8108778082191780000n, 2204084211563924n],
    [1999, 91, 59045187945205462n, 654779387306221n],
    [1999, 365, 236829599999999930n, 672967472054298n],
    [1999, 100000, 64884821917808200000n, 14284689451496428063n],
    [2000, 90, 58389041095890390n, 654632086903767n],
    [2000, 1000, 648767123287671000n, 716994972516288n],
    [2000, 3650, 2367999999999999150n, 934541074729275n],
    [2000, 531087, 344551785205479328377n, 75119211519686942308083147840455160588n],
    [777, 365, 273000799999999645n, 775750405543905n],
    [777, 10000, 7479473972602730000n, 2033030171342539n],
  ];

  it.each(fromContract)("discount %i, %i days: the contract's price and score", (discountRate, days, price, score) => {
    expect(bidPrice(params, discountRate, days)).toBe(price);
    expect(auctionScore(params, discountRate, days)).toBe(score);
    expect(auctionScore(E, discountRate, days, 1)).toBe(score);
  });

  it("is dailyVcPrice x weight x reputation / 1e18, multiplied before dividing", () => {
    expect(auctionScore(params, 0, 0)).toBe(810958904109589n);
    expect(auctionScore(params, 0, 1)).toBe((810958904109589n * 10_001n) / 10_000n);
    // Worked out with exact fractions (Python): dailyVcPrice = E x 9500 / 40000 = 770410958904109;
    // 1.0001^365 floored to 18 decimals = 1.037172411302551929; price x weight x 2 / 1e18, floored.
    expect(dailyVcPrice(params, 500)).toBe(770410958904109n);
    expect(durationWeight(365)).toBe(1037172411302551929n);
    expect(auctionScore(params, 500, 365, 2)).toBe(1598097983880971n);
    // Multiplying by the reputation before dividing keeps the fraction: 2 x floor(s) would lose it.
    expect(auctionScore(params, 500, 365, 2)).not.toBe(2n * auctionScore(params, 500, 365, 1));
    expect(auctionScore(params, 0, 365, 0)).toBe(0n);
    expect(auctionScore(params, 10_000, 365)).toBe(0n);
  });

  it("grows with the commitment and falls with the discount", () => {
    expect(auctionScore(params, 0, 91)).toBeGreaterThan(auctionScore(params, 0, 90));
    expect(auctionScore(params, 0, 90)).toBeGreaterThan(auctionScore(params, 1, 90));
    // 1.0001^d grows about 1 % per 100 days: a 1 % discount is worth about 100 more days.
    expect(auctionScore(params, 100, 191)).toBeGreaterThan(auctionScore(params, 0, 90));
    expect(auctionScore(params, 100, 189)).toBeLessThan(auctionScore(params, 0, 90));
  });

  it("overflows from 531088 days on, like the contract (Panic 0x11)", () => {
    expect(auctionScore(params, 0, 531_087)).toBe(93899014399608706832012934679943723116n);
    expect(() => auctionScore(params, 0, 531_088)).toThrow(Uint256OverflowError);
    expect(() => auctionScore(params, 0, 2 ** 32 - 1)).toThrow(Uint256OverflowError);
    // The price alone never overflows a uint32 duration.
    expect(bidPrice(params, 0, 531_088)).toBe(531_088n * 810958904109589n);
  });

  it("refuses a reputation that is not a uint32", () => {
    expect(() => auctionScore(params, 0, 90, -1)).toThrow(RangeError);
    expect(() => auctionScore(params, 0, 90, 2n ** 32n)).toThrow(RangeError);
  });
});

describe("averageScore", () => {
  it.each([
    [[1n, 2n, 2n, 2n], 1n],
    [[10n, 20n, 30n, 41n], 25n],
    [[3n, 3n, 3n, 3n], 3n],
    [[818290108629709n, 818371937640572n, 841104202042617n, 896243715645361n], 843502490989564n], // 3374009964958259 / 4 = ...564.75
  ] as const)("floor mean, case %#, is %s", (scores, expected) => {
    expect(averageScore(scores)).toBe(expected);
  });

  it("refuses an empty cluster and a sum past uint256", () => {
    expect(() => averageScore([])).toThrow(RangeError);
    expect(() => averageScore([2n ** 255n, 2n ** 255n])).toThrow(Uint256OverflowError);
  });
});
