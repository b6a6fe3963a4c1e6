import { formatEther } from "viem";

/** Readable numbers for people: thousands separators, ETH with sensible precision, percentages. */

const integer = new Intl.NumberFormat("en-US");

export function formatInteger(value: bigint | number): string {
  return integer.format(value);
}

/** Wei as ETH with at most `digits` decimals (trailing zeros dropped), e.g. "0.2919 ETH". */
export function formatEth(wei: bigint | string, digits = 4): string {
  const value = typeof wei === "string" ? BigInt(wei) : wei;
  const [whole, fraction = ""] = formatEther(value).split(".");
  const trimmed = fraction.slice(0, digits).replace(/0+$/, "");
  const shown = `${integer.format(BigInt(whole))}${trimmed ? `.${trimmed}` : ""}`;
  return value > 0n && shown === "0" ? `< 0.${"0".repeat(digits - 1)}1 ETH` : `${shown} ETH`;
}

/** Basis points (1/100 of a percent, as the contract stores discounts) as "12.5 %". */
export function formatBasisPoints(bps: number): string {
  return `${(bps / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })} %`;
}

export function formatDays(days: number): string {
  return `${integer.format(days)} ${days === 1 ? "day" : "days"}`;
}

/**
 * Auction scores are wei-denominated (daily VC price x time bonus x reputation): shown in gwei,
 * where they read as whole numbers of a few digits.
 */
export function formatScore(value: bigint | string): string {
  const v = typeof value === "string" ? BigInt(value) : value;
  return `${integer.format(v / 1_000_000_000n)} gwei`;
}
