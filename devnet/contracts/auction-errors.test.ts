/**
 * Every access-control and validation revert of the development auction and vault, asserted by
 * its decoded custom error name, on a private anvil (revertAfterEach: operators 1-6 whitelisted,
 * no bids, at the start of every test).
 */
import { createTestClient, encodeFunctionData, http, keccak256, parseEther, parseEventLogs, toHex, type Account, type Hex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { auctionAbi, vaultAbi } from "@/contracts-abi";
import { bidPrice, JOIN_CLUSTER_4 } from "@/lib/auction/math";
import { devAccounts } from "../accounts";
import { auctionParameters } from "../deploy";
import { mined, mineTogether, minedRevertName, ownChain, revertAfterEach, revertName } from "../testing/chain";

const JOIN_CLUSTER_7 = 2;
const E = auctionParameters.expectedDailyReturnWei;
const owner = devAccounts[0];
const ops = devAccounts.slice(1, 7);
const stranger = devAccounts[19];
const pubkey48 = `0x${"a5".repeat(48)}` as Hex;
const unknownId = keccak256("0xdead");

const chain = ownChain();

beforeAll(async () => {
  const { publicClient, deployment, wallet } = chain();
  await mined(publicClient, wallet(owner).writeContract({ address: deployment.auction, abi: auctionAbi, functionName: "whitelistNodeOps", args: [ops.map((a) => a.address)] }));
});
revertAfterEach(chain);

const testClientFor = (rpcUrl: string) => createTestClient({ mode: "anvil", transport: http(rpcUrl) });
const auction = () => chain().deployment.auction;
const vault = () => chain().deployment.vault;

function call(account: Account, functionName: string, args: readonly unknown[] = [], value?: bigint) {
  const { publicClient, wallet } = chain();
  return mined(publicClient, wallet(account).writeContract({ address: auction(), abi: auctionAbi, functionName, args, value } as never));
}
function vaultCall(account: Account, functionName: "createCluster" | "setClusterPubKey" | "updateClusterStatus", args: readonly unknown[] = []) {
  const { publicClient, wallet } = chain();
  return mined(publicClient, wallet(account).writeContract({ address: vault(), abi: vaultAbi, functionName, args } as never));
}
const view = (functionName: string, args: readonly unknown[] = []) =>
  chain().publicClient.readContract({ address: auction(), abi: auctionAbi, functionName, args } as never);

async function bid(account: Account, discountRate = 0, days = 365, value = bidPrice(E, discountRate, days)): Promise<Hex> {
  const receipt = await call(account, "bid", [discountRate, days, JOIN_CLUSTER_4], value);
  return parseEventLogs({ abi: auctionAbi, eventName: "BidPlaced", logs: receipt.logs })[0].args.bidId;
}
async function createCluster(): Promise<Hex> {
  for (const [i, operator] of ops.slice(0, 4).entries()) await bid(operator, 0, 365 + i);
  const receipt = await vaultCall(owner, "createCluster");
  return parseEventLogs({ abi: auctionAbi, eventName: "ClusterCreated", logs: receipt.logs })[0].args.clusterId;
}

describe("owner-only and whitelist", () => {
  it("NotWhitelisted: bidding or quoting for an operator the owner did not whitelist", async () => {
    expect(await revertName(call(stranger, "bid", [0, 365, JOIN_CLUSTER_4], parseEther("1")))).toBe("NotWhitelisted");
    expect(await revertName(view("getPriceToPay", [stranger.address, 0, 365, JOIN_CLUSTER_4]))).toBe("NotWhitelisted");
    // Checked before anything else: even an invalid bid from a stranger says NotWhitelisted.
    expect(await revertName(call(stranger, "bid", [9999, 1, 0], 0n))).toBe("NotWhitelisted");
  });

  it("AlreadyWhitelisted: whitelisting an operator twice, also within one call", async () => {
    expect(await revertName(call(owner, "whitelistNodeOps", [[ops[0].address]]))).toBe("AlreadyWhitelisted");
    expect(await revertName(call(owner, "whitelistNodeOps", [[stranger.address, stranger.address]]))).toBe("AlreadyWhitelisted");
    await call(owner, "whitelistNodeOps", [[stranger.address]]);
    expect(await view("isWhitelisted", [stranger.address])).toBe(true);
  });

  it("OnlyOwner: whitelisting and every parameter setter from another account", async () => {
    const calls: [string, unknown[]][] = [
      ["whitelistNodeOps", [[stranger.address]]],
      ["setStrategyVaultManager", [stranger.address]],
      ["updateExpectedDailyReturnWei", [1n]],
      ["updateMaxDiscountRate", [10_000]],
      ["updateMinDuration", [1]],
    ];
    for (const [functionName, args] of calls) {
      expect(await revertName(call(ops[0], functionName, args)), functionName).toBe("OnlyOwner");
    }
    expect(await view("isWhitelisted", [stranger.address])).toBe(false);
  });
});

describe("bid validation", () => {
  it("DiscountRateTooHigh above maxDiscountRate (2000) in bid, updateBid and getPriceToPay", async () => {
    expect(await view("getPriceToPay", [ops[0].address, 2000, 90, JOIN_CLUSTER_4])).toBe(bidPrice(E, 2000, 90));
    expect(await revertName(call(ops[0], "bid", [2001, 365, JOIN_CLUSTER_4], parseEther("10")))).toBe("DiscountRateTooHigh");
    expect(await revertName(view("getPriceToPay", [ops[0].address, 2001, 365, JOIN_CLUSTER_4]))).toBe("DiscountRateTooHigh");
    expect(await revertName(view("getPriceToPay", [ops[0].address, 65_535, 365, JOIN_CLUSTER_4]))).toBe("DiscountRateTooHigh");
    const id = await bid(ops[0]);
    expect(await revertName(call(ops[0], "updateBid", [id, 2001, 365]))).toBe("DiscountRateTooHigh");
  });

  it("DurationTooShort below minDuration (90 days) in bid, updateBid and getPriceToPay", async () => {
    expect(await revertName(call(ops[0], "bid", [0, 89, JOIN_CLUSTER_4], parseEther("10")))).toBe("DurationTooShort");
    expect(await revertName(call(ops[0], "bid", [0, 0, JOIN_CLUSTER_4], parseEther("10")))).toBe("DurationTooShort");
    expect(await revertName(view("getPriceToPay", [ops[0].address, 0, 89, JOIN_CLUSTER_4]))).toBe("DurationTooShort");
    const id = await bid(ops[0]);
    expect(await revertName(call(ops[0], "updateBid", [id, 0, 89]))).toBe("DurationTooShort");
  });

  it("NotEnoughEtherSent: one wei short of the price, or nothing", async () => {
    const price = bidPrice(E, 0, 365);
    expect(await revertName(call(ops[0], "bid", [0, 365, JOIN_CLUSTER_4], price - 1n))).toBe("NotEnoughEtherSent");
    expect(await revertName(call(ops[0], "bid", [0, 365, JOIN_CLUSTER_4], 0n))).toBe("NotEnoughEtherSent");
    await bid(ops[0], 0, 365, price);
  });

  it("InvalidAuctionType: NULL and JOIN_CLUSTER_7 in bid, quotes and views", async () => {
    for (const type of [0, JOIN_CLUSTER_7]) {
      expect(await revertName(call(ops[0], "bid", [0, 365, type], parseEther("10"))), `bid type ${type}`).toBe("InvalidAuctionType");
      expect(await revertName(view("getPriceToPay", [ops[0].address, 0, 365, type])), `quote type ${type}`).toBe("InvalidAuctionType");
      expect(await revertName(view("getBidRanking", [1n, type])), `ranking type ${type}`).toBe("InvalidAuctionType");
    }
    expect(await revertName(view("getNumBids", [0]))).toBe("InvalidAuctionType");
    expect(await view("getNumBids", [JOIN_CLUSTER_7])).toBe(0n);
  });

  it("TooManyBids: the 256th pending bid of one operator (numBidsCluster4 is a uint8)", async () => {
    const { publicClient, wallet, rpcUrl } = chain();
    const operator = ops[5];
    const nonce = await publicClient.getTransactionCount({ address: operator.address });
    const w = wallet(operator);
    const receipts = await mineTogether(rpcUrl, () =>
      Promise.all(
        Array.from({ length: 255 }, (_, i) =>
          w.writeContract({
            address: auction(),
            abi: auctionAbi,
            functionName: "bid",
            args: [2000, 90, JOIN_CLUSTER_4],
            value: bidPrice(E, 2000, 90),
            nonce: nonce + i,
            // Bids of one operator in one second probe every taken id before a free one: the
            // k-th costs k more keccak+SLOAD rounds (~560k gas for the 255th).
            gas: 1_500_000n,
            maxFeePerGas: parseEther("0.0000001"),
            maxPriorityFeePerGas: 0n,
          }),
        ),
      ),
    );
    expect(receipts.filter((r) => r.status === "success")).toHaveLength(255);
    expect((await view("getNodeOpDetails", [operator.address]) as { numBidsCluster4: number }).numBidsCluster4).toBe(255);
    expect(await revertName(call(operator, "bid", [2000, 90, JOIN_CLUSTER_4], bidPrice(E, 2000, 90)))).toBe("TooManyBids");
    // Withdrawing one frees a place.
    const first = parseEventLogs({ abi: auctionAbi, eventName: "BidPlaced", logs: receipts[0].logs })[0].args.bidId;
    await call(operator, "withdrawBid", [first]);
    await bid(operator, 2000, 90);
  });
});

describe("bid ownership", () => {
  it("SenderNotBidder: updating, withdrawing or quoting an update of another operator's bid", async () => {
    const id = await bid(ops[0]);
    expect(await revertName(call(ops[1], "updateBid", [id, 0, 3650], parseEther("10")))).toBe("SenderNotBidder");
    expect(await revertName(call(ops[1], "withdrawBid", [id]))).toBe("SenderNotBidder");
    expect(await revertName(view("getUpdateBidPrice", [ops[1].address, id, 0, 3650]))).toBe("SenderNotBidder");
    expect(await view("getUpdateBidPrice", [ops[0].address, id, 0, 3650])).toBe(bidPrice(E, 0, 3650) - bidPrice(E, 0, 365));
  });

  it("BidDoesNotExist: unknown ids, a withdrawn bid, a bid that won a seat", async () => {
    expect(await revertName(call(ops[0], "withdrawBid", [unknownId]))).toBe("BidDoesNotExist");
    expect(await revertName(call(ops[0], "updateBid", [unknownId, 0, 365]))).toBe("BidDoesNotExist");
    expect(await revertName(view("getUpdateBidPrice", [ops[0].address, unknownId, 0, 365]))).toBe("BidDoesNotExist");
    const id = await bid(ops[0]);
    await call(ops[0], "withdrawBid", [id]);
    expect(await revertName(call(ops[0], "withdrawBid", [id]))).toBe("BidDoesNotExist");
    // Checked before the bidder: another operator gets BidDoesNotExist too, not SenderNotBidder.
    expect(await revertName(call(ops[1], "withdrawBid", [id]))).toBe("BidDoesNotExist");

    const clusterId = await createCluster();
    const [winner] = (await view("getClusterDetails", [clusterId]) as { nodes: { bidId: Hex }[] }).nodes;
    expect(await revertName(call(ops[0], "withdrawBid", [winner.bidId]))).toBe("BidDoesNotExist");
  });
});

describe("auctions and clusters", () => {
  it("MainAuctionEmpty: fewer than four distinct operators bidding, however many bids", async () => {
    expect(await revertName(vaultCall(owner, "createCluster"))).toBe("MainAuctionEmpty");
    for (const operator of ops.slice(0, 3)) {
      await bid(operator, 0, 365);
      await bid(operator, 100, 400);
    }
    expect(await view("getNumBids", [JOIN_CLUSTER_4])).toBe(6n);
    expect(await revertName(vaultCall(owner, "createCluster"))).toBe("MainAuctionEmpty");
    expect(await revertName(view("getWinningCluster"))).toBe("MainAuctionEmpty");
    await bid(ops[3], 2000, 90);
    await vaultCall(owner, "createCluster");
  });

  it("OnlyStrategyVaultManager: triggerAuction, updateClusterStatus, setClusterPubKey called directly, even by the owner", async () => {
    const clusterId = await createCluster();
    for (const account of [owner, ops[0]]) {
      expect(await revertName(call(account, "triggerAuction"))).toBe("OnlyStrategyVaultManager");
      expect(await revertName(call(account, "updateClusterStatus", [clusterId, 2]))).toBe("OnlyStrategyVaultManager");
      expect(await revertName(call(account, "setClusterPubKey", [clusterId, pubkey48]))).toBe("OnlyStrategyVaultManager");
    }
  });

  it("OnlyAdmin: the vault's createCluster, setClusterPubKey, updateClusterStatus from another account", async () => {
    const clusterId = await createCluster();
    for (const operator of ops.slice(0, 4)) await bid(operator, 0, 500);
    expect(await revertName(vaultCall(ops[0], "createCluster"))).toBe("OnlyAdmin");
    expect(await revertName(vaultCall(ops[0], "setClusterPubKey", [clusterId, pubkey48]))).toBe("OnlyAdmin");
    expect(await revertName(vaultCall(stranger, "updateClusterStatus", [clusterId, 2]))).toBe("OnlyAdmin");
  });

  it("InvalidPubKeyLength: anything but 48 bytes", async () => {
    const clusterId = await createCluster();
    for (const bytes of [0, 32, 47, 49, 96]) {
      expect(await revertName(vaultCall(owner, "setClusterPubKey", [clusterId, `0x${"a5".repeat(bytes)}`])), `${bytes} bytes`).toBe("InvalidPubKeyLength");
    }
    await vaultCall(owner, "setClusterPubKey", [clusterId, pubkey48]);
  });

  it("ClusterDoesNotExist: status or public key of an unknown cluster", async () => {
    expect(await revertName(vaultCall(owner, "updateClusterStatus", [unknownId, 2]))).toBe("ClusterDoesNotExist");
    expect(await revertName(vaultCall(owner, "setClusterPubKey", [unknownId, pubkey48]))).toBe("ClusterDoesNotExist");
  });

  it("ClusterAlreadyExists: a second auction in the same second with the same winners and scores", async () => {
    const { publicClient, wallet, rpcUrl } = chain();
    // Operators 1-4 each bid twice with the same terms: two auctions would seat the same four
    // operators with the same average, and in one block the cluster id formula gives the same id.
    for (let round = 0; round < 2; round++) for (const operator of ops.slice(0, 4)) await bid(operator, 0, 365);
    const nonce = await publicClient.getTransactionCount({ address: owner.address });
    const fees = { gas: 3_000_000n, maxFeePerGas: parseEther("0.0000001"), maxPriorityFeePerGas: 0n };
    const w = wallet(owner);
    const [first, second] = await mineTogether(rpcUrl, async () => [
      await w.writeContract({ address: vault(), abi: vaultAbi, functionName: "createCluster", nonce, ...fees }),
      await w.writeContract({ address: vault(), abi: vaultAbi, functionName: "createCluster", nonce: nonce + 1, ...fees }),
    ]);
    expect([first.status, second.status, second.blockNumber]).toEqual(["success", "reverted", first.blockNumber]);
    expect(await minedRevertName(rpcUrl, second.transactionHash)).toBe("ClusterAlreadyExists");
    // anvil may give the next block the same second; one second later the same auction gets another id.
    const { timestamp } = await publicClient.getBlock();
    await testClientFor(rpcUrl).setNextBlockTimestamp({ timestamp: timestamp + 1n });
    const receipt = await vaultCall(owner, "createCluster");
    const ids = [first, receipt].map((r) => parseEventLogs({ abi: auctionAbi, eventName: "ClusterCreated", logs: r.logs })[0].args.clusterId);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("RefundFailed: a bidder that cannot receive ether (a contract without receive) sending too much", async () => {
    const { publicClient, rpcUrl, deployment } = chain();
    // Multicall3 has no receive or fallback: impersonated, it bids and the excess cannot go back.
    const bidder = deployment.multicall3;
    const rpc = async <T>(method: string, params: unknown[]): Promise<T> => {
      const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
      const body = (await response.json()) as { result?: T; error?: { message: string } };
      if (body.error) throw new Error(`${method}: ${body.error.message}`);
      return body.result as T;
    };
    await rpc("anvil_setBalance", [bidder, toHex(parseEther("100"))]);
    await call(owner, "whitelistNodeOps", [[bidder]]);
    const price = bidPrice(E, 0, 365);
    const data = encodeFunctionData({ abi: auctionAbi, functionName: "bid", args: [0, 365, JOIN_CLUSTER_4] });
    expect(await revertName(publicClient.simulateContract({ account: bidder, address: auction(), abi: auctionAbi, functionName: "bid", args: [0, 365, JOIN_CLUSTER_4], value: price + 1n }))).toBe(
      "RefundFailed",
    );

    await rpc("anvil_impersonateAccount", [bidder]);
    try {
      const send = (value: bigint) => rpc<Hex>("eth_sendTransaction", [{ from: bidder, to: auction(), data, value: toHex(value), gas: toHex(500_000n) }]);
      const failed = await publicClient.waitForTransactionReceipt({ hash: await send(price + 1n) });
      expect(failed.status).toBe("reverted");
      expect(await minedRevertName(rpcUrl, failed.transactionHash)).toBe("RefundFailed");
      // The exact price needs no refund.
      expect((await publicClient.waitForTransactionReceipt({ hash: await send(price) })).status).toBe("success");
    } finally {
      await rpc("anvil_stopImpersonatingAccount", [bidder]);
    }
  });
});
