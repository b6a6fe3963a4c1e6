import { BaseError, ContractFunctionExecutionError, ContractFunctionRevertedError, encodeErrorResult, UserRejectedRequestError, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import { auctionAbi } from "@/contracts-abi";
import { deployer, devAccounts, seededOperators } from "@/devnet/accounts";
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

    // Byzantine's contract answers an unknown or finished bid as another operator's.
    const gone = await failure(() => publicClient.simulateContract({ ...auction, account: operator, functionName: "withdrawBid", args: [`0x${"ab".repeat(32)}`] }));
    expect(explainAuctionError(gone)).toBe(auctionErrorSentences.SenderNotBidder);

    const wrongType = await failure(() => publicClient.readContract({ ...auction, functionName: "getNumBids", args: [2] }));
    expect(explainAuctionError(wrongType)).toBe(auctionErrorSentences.InvalidAuctionType);
  });

  it("explains the access errors of the real contract: owner, vaults, staker rewards, initialization, whitelist removal", async () => {
    const { publicClient, deployment } = testChain();
    const auction = { address: deployment.auction, abi: auctionAbi } as const;
    const operator = seededOperators[0];
    const cases = [
      [() => publicClient.simulateContract({ ...auction, account: operator, functionName: "whitelistNodeOps", args: [[operator.address]] }), "OwnableUnauthorizedAccount"],
      [() => publicClient.simulateContract({ ...auction, account: deployer, functionName: "triggerAuction" }), "OnlyStratVaultETH"],
      [() => publicClient.simulateContract({ ...auction, account: deployer, functionName: "setClusterPubKey", args: [zeroHash, "0x"] }), "OnlyStratVaultETH"],
      [() => publicClient.simulateContract({ ...auction, account: deployer, functionName: "updateNodeVCNumber", args: [zeroHash, 1] }), "OnlyStakerRewards"],
      [() => publicClient.simulateContract({ ...auction, account: deployer, functionName: "initialize", args: [deployer.address, 1n, 1, 1] }), "InvalidInitialization"],
      // Operator 9 has pending bids in the seed.
      [() => publicClient.simulateContract({ ...auction, account: deployer, functionName: "removeNodeOpFromWhitelist", args: [[seededOperators[8].address]] }), "NodeOpHasPendingBids"],
    ] as const;
    for (const [call, name] of cases) {
      const error = await failure(call);
      expect(auctionRevertName(error), name).toBe(name);
      expect(explainAuctionError(error)).toBe(auctionErrorSentences[name]);
    }
  });

  it("explains Byzantine's string reverts: the ranking's bounds", async () => {
    const { publicClient, deployment } = testChain();
    const rank = (n: bigint) => publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getBidRanking", args: [n, JOIN_CLUSTER_4] });
    expect(explainAuctionError(await failure(() => rank(0n)))).toMatch(/^The ranking was asked for no bids/);
    expect(explainAuctionError(await failure(() => rank(1000n)))).toMatch(/^The ranking was asked for more bids than are pending/);
    // The same bid twice by one operator in one second (devnet/contracts/auction.test.ts mines it).
    const reason = "OrderStatisticsTree(406) - Value and Key pair exists. Cannot be inserted again.";
    const data = encodeErrorResult({ abi: [{ type: "error", name: "Error", inputs: [{ name: "message", type: "string" }] }], errorName: "Error", args: [reason] });
    const sameSecond = new ContractFunctionExecutionError(new ContractFunctionRevertedError({ abi: [], data, functionName: "bid" }), { abi: auctionAbi, functionName: "bid", args: [0, 90, JOIN_CLUSTER_4] });
    expect(explainAuctionError(sameSecond)).toMatch(/wait for the next block and bid again\.$/);
  });

  it("has a sentence for every error of the published ABI, decoded from its revert data", () => {
    for (const item of auctionAbi) {
      if (item.type !== "error") continue;
      const args = item.inputs.map(() => deployer.address);
      const data = encodeErrorResult({ abi: [item], errorName: item.name, args } as never);
      const error = new ContractFunctionExecutionError(new ContractFunctionRevertedError({ abi: [], data, functionName: "bid" }), { abi: auctionAbi, functionName: "bid", args: [0, 90, JOIN_CLUSTER_4] });
      expect(explainAuctionError(error), item.name).toBe(auctionErrorSentences[item.name]);
      expect(auctionErrorSentences[item.name]).toMatch(/^[A-Z].*\.$/);
    }
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
