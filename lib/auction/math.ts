/**
 * The auction's price and score formulas (docs/chain.md) in exact integer arithmetic,
 * identical to the contract's (devnet/contracts/Auction.sol `_dailyVcPrice`, `_score`, `_rpow`) to the wei,
 * including where its checked uint256 arithmetic reverts: the auction page previews a bid with
 * these and gets the number the chain will store.
 *
 *   dailyVcPrice = expectedDailyReturnWei * (10000 - discountRate) / (clusterSize * 10000)
 *   bidPrice     = timeInDays * dailyVcPrice
 *   growthWad    = rpow(1.0001 in RAY, timeInDays, RAY) / 1e9          (1.0001^days in WAD)
 *   auctionScore = dailyVcPrice * growthWad * reputation / 1e18
 *
 * Every function takes the auction parameters first, either as `{ expectedDailyReturnWei,
 * clusterSize? }` or as the bare `expectedDailyReturnWei` (clusterSize 4).
 */

export const WAD = 10n ** 18n;
export const RAY = 10n ** 27n;
const BASIS = 10_000n;
const UINT256_LIMIT = 2n ** 256n;
/** 1.0001 in RAY: the score grows by 0.01 % per day of commitment. */
export const DAILY_GROWTH_RAY = 10_001n * 10n ** 23n;
/** Only JOIN_CLUSTER_4 auctions are live. */
export const CLUSTER_SIZE = 4n;

/**
 * The reputation Byzantine's `bid` and `updateBid` score with: a constant, whatever the
 * operator's stored `reputationScore` (which whitelisting leaves at 0). The preview must use it
 * to show the score a bid lands with.
 */
export const BID_REPUTATION = 1;

/** What an operator's on-chain reputation means today, wherever it is shown. */
export const REPUTATION_NOTE = `Not used yet: every bid scores with reputation ${BID_REPUTATION}.`;

export { JOIN_CLUSTER_4 } from "@/lib/chain/auction-type";

export type AuctionParams = {
  /** The contract's `expectedDailyReturnWei()`: a whole validator's expected daily reward. */
  expectedDailyReturnWei: bigint;
  /** Nodes per cluster; 4 (JOIN_CLUSTER_4) unless given. */
  clusterSize?: bigint | number;
};

/** The parameters, or just `expectedDailyReturnWei`. */
export type ParamsLike = AuctionParams | bigint;

/** Thrown where the contract's checked arithmetic would revert with Panic(0x11). */
export class Uint256OverflowError extends RangeError {
  constructor() {
    super("uint256 overflow: the contract would revert (Panic 0x11)");
    this.name = "Uint256OverflowError";
  }
}

/** Solidity's checked arithmetic reverts past 2^256; the preview must not show a number the chain refuses. */
function checked(value: bigint): bigint {
  if (value >= UINT256_LIMIT) throw new Uint256OverflowError();
  return value;
}

function resolve(params: ParamsLike, clusterSize?: bigint | number): { expectedDailyReturnWei: bigint; clusterSize: bigint } {
  const p = typeof params === "bigint" ? { expectedDailyReturnWei: params, clusterSize } : params;
  const size = BigInt(p.clusterSize ?? CLUSTER_SIZE);
  if (p.expectedDailyReturnWei < 0n || p.expectedDailyReturnWei >= UINT256_LIMIT) throw new RangeError("expectedDailyReturnWei is not a uint256");
  if (size <= 0n) throw new RangeError(`cluster size ${size} is not positive`);
  return { expectedDailyReturnWei: p.expectedDailyReturnWei, clusterSize: size };
}

function uint(value: number | bigint, bits: number, what: string): bigint {
  if (typeof value === "number" && !Number.isSafeInteger(value)) throw new RangeError(`${what} ${value} is not an integer`);
  const v = BigInt(value);
  if (v < 0n || v >= 1n << BigInt(bits)) throw new RangeError(`${what} ${value} is not a uint${bits}`);
  return v;
}

function discount(discountRate: number | bigint): bigint {
  const d = uint(discountRate, 16, "discount rate");
  // Above 100 % the contract's `10000 - discountRate` underflows (it checks maxDiscountRate first).
  if (d > BASIS) throw new RangeError(`discount rate ${discountRate} is above 10000 (100 %)`);
  return d;
}

const days = (timeInDays: number | bigint) => uint(timeInDays, 32, "duration in days");

/** Daily price of one validation credit: `expectedDailyReturnWei * (10000 - discountRate) / (clusterSize * 10000)`. */
export function dailyVcPrice(params: ParamsLike, discountRate: number | bigint, clusterSize?: bigint | number): bigint {
  const p = resolve(params, clusterSize);
  return checked(p.expectedDailyReturnWei * (BASIS - discount(discountRate))) / checked(p.clusterSize * BASIS);
}

/** What a bid costs (the ether it escrows): `timeInDays * dailyVcPrice`. */
export function bidPrice(params: ParamsLike, discountRate: number | bigint, timeInDays: number | bigint, clusterSize?: bigint | number): bigint {
  return checked(days(timeInDays) * dailyVcPrice(params, discountRate, clusterSize));
}

/**
 * x^n in fixed point with base `scalar` by squaring, each product rounded half up: the
 * contract's `_rpow` (DSMath's rpow; the contract uses scalar = RAY), overflow included.
 */
export function rpow(x: bigint, n: bigint, scalar: bigint = RAY): bigint {
  if (x < 0n || n < 0n || scalar <= 0n) throw new RangeError("rpow takes unsigned integers and a positive scalar");
  const half = scalar / 2n;
  let z = n % 2n !== 0n ? x : scalar;
  for (n /= 2n; n !== 0n; n /= 2n) {
    x = checked(checked(x * x) + half) / scalar;
    if (n % 2n !== 0n) z = checked(checked(z * x) + half) / scalar;
  }
  return z;
}

/** 1.0001^timeInDays in WAD, as the contract weighs a commitment (computed in RAY, truncated to WAD). */
export function durationWeight(timeInDays: number | bigint): bigint {
  return rpow(DAILY_GROWTH_RAY, days(timeInDays), RAY) / (RAY / WAD);
}

/**
 * A bid's score: `dailyVcPrice * 1.0001^timeInDays (WAD) * reputation / 1e18`, `reputation` a
 * uint32 (the contract passes BID_REPUTATION for every bid).
 */
export function auctionScore(
  params: ParamsLike,
  discountRate: number | bigint,
  timeInDays: number | bigint,
  reputation: number | bigint = 1n,
  clusterSize?: bigint | number,
): bigint {
  const price = dailyVcPrice(params, discountRate, clusterSize);
  const weight = durationWeight(timeInDays);
  return checked(checked(price * weight) * uint(reputation, 32, "reputation")) / WAD;
}

/** A cluster's `averageAuctionScore`: the integer (floor) mean of its members' scores. */
export function averageScore(scores: readonly bigint[]): bigint {
  if (scores.length === 0) throw new RangeError("a cluster has at least one member");
  return scores.reduce((sum, score) => checked(sum + score), 0n) / BigInt(scores.length);
}
