import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { formatBasisPoints, formatDays, formatEth, formatInteger, formatScore } from "./number";
import { formatDate, shortHex } from "./text";

describe("formatting", () => {
  it("shows ETH with at most four decimals and never a misleading zero", () => {
    expect(formatEth(parseEther("1234.56789"))).toBe("1,234.5678 ETH");
    expect(formatEth(parseEther("0.25"))).toBe("0.25 ETH");
    expect(formatEth(0n)).toBe("0 ETH");
    expect(formatEth(1n)).toBe("< 0.0001 ETH");
    expect(formatEth("291945205479452040")).toBe("0.2919 ETH");
  });

  it("shows basis points, days and integers for people", () => {
    expect(formatBasisPoints(1250)).toBe("12.5 %");
    expect(formatBasisPoints(2000)).toBe("20 %");
    expect(formatDays(1)).toBe("1 day");
    expect(formatDays(365)).toBe("365 days");
    expect(formatInteger(2510889n)).toBe("2,510,889");
  });

  it("shortens hex and formats dates in UTC", () => {
    expect(shortHex("0xC050C50e18CB8787dDF1E1227c0FE7A8a5404815")).toBe("0xC050…4815");
    expect(shortHex("0x1234")).toBe("0x1234");
    expect(formatDate("2026-11-24T23:59:00Z")).toBe("24 Nov 2026");
  });
});

describe("formatScore", () => {
  it("shows wei-denominated scores in whole gwei", () => {
    expect(formatScore(834814123456789n)).toBe("834,814 gwei");
    expect(formatScore("999999999")).toBe("0 gwei");
  });
});
