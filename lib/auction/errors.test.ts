import { BaseError, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { auctionAbi } from "@/contracts-abi";
import { devAccounts, seededOperators } from "@/devnet/accounts";
import { testChain } from "@/devnet/testing/chain";
import { auctionErrorSentences, auctionRevertName, explainAuctionError } from "./errors";
import { JOIN_CLUSTER_4 } from "./math";

/** The error a failed call on the shared devnet throws (nothing is sent: simulations and reads). */
async function failure(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("auction errors as sentences", () => {
  it("names the contract's custom error behind a simulated transaction or a read", async () => {
    const { publicClient, deployment } = testChain();
    const auction = { address: deployment.auction, abi: auctionAbi } as const;
    const stranger = devAccounts[19];
    const operator = seededOperators[0];

    const notWhitelisted = await failure(() => publicClient.simulateContract({ ...auction, account: stranger, functionName: "bid", args: [0, 90, JOIN_CLUSTER_4], value: 10n ** 18n }));
    expect(auctionRevertName(notWhitelisted)).toBe("NotWhitelisted");
    expect(explainAuctionError(notWhitelisted)).toMatch(/^This wallet is not whitelisted in the auction/);

    const tooHigh = await failure(() => publicClient.readContract({ ...auction, functionName: "getPriceToPay", args: [operator.address, 2001, 90, JOIN_CLUSTER_4] }));
    expect(explainAuctionError(tooHigh)).toBe(auctionErrorSentences.DiscountRateTooHigh);

    const tooShort = await failure(() => publicClient.simulateContract({ ...auction, account: operator, functionName: "bid", args: [0, 89, JOIN_CLUSTER_4], value: 10n ** 18n }));
    expect(explainAuctionError(tooShort)).toBe(auctionErrorSentences.DurationTooShort);

    const notEnough = await failure(() => publicClient.simulateContract({ ...auction, account: operator, functionName: "bid", args: [0, 90, JOIN_CLUSTER_4], value: 1n }));
    expect(explainAuctionError(notEnough)).toBe(auctionErrorSentences.NotEnoughEtherSent);

    const gone = await failure(() => publicClient.simulateContract({ ...auction, account: operator, functionName: "withdrawBid", args: [`0x${"ab".repeat(32)}`] }));
    expect(explainAuctionError(gone)).toBe(auctionErrorSentences.BidDoesNotExist);
  });

  it("names a bid that belongs to another operator", async () => {
    const { publicClient, deployment } = testChain();
    const [first] = await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getBidRanking", args: [1n, JOIN_CLUSTER_4] });
    const details = await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getBidDetails", args: [first.bidId] });
    const other = seededOperators.find((a) => a.address !== details.nodeOp)!;
    const error = await failure(() => publicClient.simulateContract({ address: deployment.auction, abi: auctionAbi, account: other, functionName: "withdrawBid", args: [first.bidId] }));
    expect(explainAuctionError(error)).toBe(auctionErrorSentences.SenderNotBidder);
  });

  it("leaves failures that are not the auction's to the wallet's explanation", () => {
    expect(explainAuctionError(new UserRejectedRequestError(new Error("rejected")))).toBeNull();
    expect(explainAuctionError(new BaseError("connection refused"))).toBeNull();
    expect(explainAuctionError("nope")).toBeNull();
  });
});
