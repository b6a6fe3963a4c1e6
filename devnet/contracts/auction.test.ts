/**
 * The devnet twin of Byzantine's auction on a private anvil (these tests write): proxy and
 * initialization, Byzantine's reputation and bond rules, bid ids, the ranking (its wrong scores
 * after ties included), the virtual cluster, vault-only cluster writes, one deposit's clusters
 * sharing a vault and EigenPod, removeBid, validation credits, and every revert by its decoded
 * name. Every test starts from the same state: operators 1-8 whitelisted, no bids.
 */
import {
  decodeErrorResult,
  encodeFunctionData,
  encodePacked,
  getAddress,
  keccak256,
  parseEther,
  parseEventLogs,
  sha256,
  concat,
  toHex,
  type Abi,
  type Account,
  type Address,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { auctionAbi, stakerRewardsAbi, vaultAbi, vaultManagerAbi } from "@/contracts-abi";
import { auctionScore, averageScore, BID_REPUTATION, bidPrice, JOIN_CLUSTER_4 } from "@/lib/auction/math";
import { devAccounts, proxyAdmin } from "../accounts";
import { auctionParameters } from "../deploy";
import { gasCost, mined, mineTogether, ownChain, revertAfterEach, revertName } from "../testing/chain";

const E = auctionParameters.expectedDailyReturnWei;
const JOIN_CLUSTER_7 = 2;
const owner = devAccounts[0];
const ops = devAccounts.slice(1, 9);
const stranger = devAccounts[18];
const pubkey = `0x${"a5".repeat(48)}` as Hex;
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

const chain = ownChain();
beforeAll(async () => {
  const { publicClient, deployment, wallet } = chain();
  await mined(publicClient, wallet(owner).writeContract({ address: deployment.auction, abi: auctionAbi, functionName: "whitelistNodeOps", args: [ops.map((a) => a.address)] }));
});
revertAfterEach(chain);

// ---------------------------------------------------------------- helpers

const auction = () => chain().deployment.auction;
const rpc = async <T>(method: string, params: unknown[] = []): Promise<T> => chain().publicClient.request({ method, params } as never) as Promise<T>;
const read = <T>(functionName: string, args: readonly unknown[] = []) =>
  chain().publicClient.readContract({ address: auction(), abi: auctionAbi, functionName, args } as never) as Promise<T>;
const simulate = (account: Account | Address, functionName: string, args: readonly unknown[] = [], value?: bigint) =>
  chain().publicClient.simulateContract({ account, address: auction(), abi: auctionAbi, functionName, args, value } as never);
const balance = (address: Address) => chain().publicClient.getBalance({ address });

/** The next block one second later: Byzantine's bid id hashes the block time. */
async function nextSecond() {
  const latest = await chain().publicClient.getBlock({ blockTag: "latest" });
  await rpc("evm_setNextBlockTimestamp", [toHex(latest.timestamp + 1n)]);
}

async function write(account: Account, address: Address, abi: Abi, functionName: string, args: readonly unknown[] = [], value?: bigint): Promise<TransactionReceipt> {
  const { publicClient, wallet } = chain();
  return mined(publicClient, wallet(account).writeContract({ address, abi, functionName, args, value } as never));
}
const send = (account: Account, functionName: string, args: readonly unknown[] = [], value?: bigint) => write(account, auction(), auctionAbi, functionName, args, value);

type Placed = { bidId: Hex; price: bigint; score: bigint; receipt: TransactionReceipt };
async function bid(operator: Account, discountRate: number, days: number, value = bidPrice(E, discountRate, days)): Promise<Placed> {
  await nextSecond();
  const receipt = await send(operator, "bid", [discountRate, days, JOIN_CLUSTER_4], value);
  const [placed] = parseEventLogs({ abi: auctionAbi, eventName: "BidPlaced", logs: receipt.logs });
  return { bidId: placed.args.bidId, price: bidPrice(E, discountRate, days), score: auctionScore(E, discountRate, days, BID_REPUTATION), receipt };
}

/** A staker's deposit into a new vault: one auction per 32 ETH. */
async function deposit(clusters: number): Promise<{ receipt: TransactionReceipt; created: { clusterId: Hex; vaultAddr: Address; splitAddr: Address; eigenPodAddr: Address; averageAuctionScore: bigint }[] }> {
  const receipt = await write(owner, chain().deployment.vault, vaultManagerAbi, "createStratVaultAndStakeNativeETH", [], parseEther("32") * BigInt(clusters));
  return { receipt, created: parseEventLogs({ abi: auctionAbi, eventName: "ClusterCreated", logs: receipt.logs }).map((l) => l.args) };
}

type RankNode = { auctionScore: bigint; bidId: Hex };
const ranking = (n: number) => read<RankNode[]>("getBidRanking", [BigInt(n), JOIN_CLUSTER_4]);
const details = (bidId: Hex) => read<{ auctionScore: bigint; bidPrice: bigint; nodeOp: Address; vcNumber: number; discountRate: number; auctionType: number }>("getBidDetails", [bidId]);

// ---------------------------------------------------------------- proxy, ownership

describe("deployment", () => {
  it("is an ERC-1967 proxy over the implementation, initialized once, owned by the deployer", async () => {
    const { publicClient, deployment } = chain();
    const slot = await publicClient.getStorageAt({ address: auction(), slot: IMPLEMENTATION_SLOT });
    expect(getAddress(`0x${slot!.slice(26)}`)).toBe(deployment.implementation);
    expect(await read("owner")).toBe(owner.address);
    const again = [owner.address, E, 2000, 90] as const;
    expect(await revertName(simulate(owner, "initialize", again))).toBe("InvalidInitialization");
    // The implementation was never initialized, and never can be.
    expect(await revertName(publicClient.simulateContract({ account: owner, address: deployment.implementation, abi: auctionAbi, functionName: "initialize", args: again }))).toBe("InvalidInitialization");
    expect(await publicClient.readContract({ address: deployment.implementation, abi: auctionAbi, functionName: "owner" })).toBe("0x0000000000000000000000000000000000000000");
    // A transparent proxy forwards nothing from its admin.
    const proxyErrors = [{ type: "error", name: "ProxyDeniedAdminAccess", inputs: [] }] as const satisfies Abi;
    expect(await revertName(simulate(proxyAdmin, "isWhitelisted", [owner.address]), proxyErrors)).toBe("ProxyDeniedAdminAccess");
    expect(await read("escrow")).toBe(deployment.escrow);
    expect(await read("strategyVaultManager")).toBe(deployment.vault);
    expect(await read("pushSplitFactory")).toBe(deployment.splitFactory);
    expect(await read("stakerRewards")).toBe(deployment.stakerRewards);
  });

  it("OwnableUnauthorizedAccount(sender) for every owner function called by another account", async () => {
    const calls: [string, unknown[]][] = [
      ["whitelistNodeOps", [[stranger.address]]],
      ["removeNodeOpFromWhitelist", [[ops[0].address]]],
      ["removeBid", [keccak256("0x01"), 1n, ops[0].address, JOIN_CLUSTER_4]],
      ["updateExpectedDailyReturnWei", [1n]],
      ["updateMinDuration", [1]],
      ["updateMaxDiscountRate", [1]],
      ["transferOwnership", [stranger.address]],
      ["renounceOwnership", []],
    ];
    for (const [name, args] of calls) {
      const error = await simulate(ops[0], name, args).catch((e: unknown) => e);
      expect(await revertName(Promise.reject(error)), name).toBe("OwnableUnauthorizedAccount");
    }
  });
});

// ---------------------------------------------------------------- reputation, bond, bids

describe("whitelist, reputation and bond", () => {
  it("whitelisting leaves reputationScore at 0, and every bid scores with reputation 1", async () => {
    const me = await read<{ reputationScore: number; isWhitelisted: boolean; numBonds: number }>("getNodeOpDetails", [ops[0].address]);
    expect(me).toMatchObject({ reputationScore: 0, isWhitelisted: true, numBonds: 0 });
    const placed = await bid(ops[0], 500, 365);
    expect((await details(placed.bidId)).auctionScore).toBe(auctionScore(E, 500, 365, 1));
    expect(auctionScore(E, 500, 365, me.reputationScore)).toBe(0n);
  });

  it("quotes a wallet that is not whitelisted the price plus a 1 ETH bond, and refuses its bid", async () => {
    const price = bidPrice(E, 100, 200);
    expect(await read("getPriceToPay", [stranger.address, 100, 200, JOIN_CLUSTER_4])).toBe(price + parseEther("1"));
    expect(await read("getPriceToPay", [ops[0].address, 100, 200, JOIN_CLUSTER_4])).toBe(price);
    expect(await revertName(simulate(stranger, "bid", [100, 200, JOIN_CLUSTER_4], price + parseEther("1")))).toBe("NotWhitelisted");
  });

  it("NodeOpHasPendingBids: an operator with a pending bid stays whitelisted", async () => {
    await bid(ops[0], 0, 365);
    expect(await revertName(simulate(owner, "removeNodeOpFromWhitelist", [[ops[0].address]]))).toBe("NodeOpHasPendingBids");
    await send(owner, "removeNodeOpFromWhitelist", [[ops[1].address]]);
    expect(await read("isWhitelisted", [ops[1].address])).toBe(false);
  });
});

describe("bid, updateBid, withdrawBid", () => {
  it("ids a bid keccak256(operator, block time, uint8 4), escrows exactly the price and returns any excess", async () => {
    const { deployment } = chain();
    const before = { op: await balance(ops[0].address), escrow: await balance(deployment.escrow) };
    const placed = await bid(ops[0], 300, 180, bidPrice(E, 300, 180) + 12345n);
    const block = await chain().publicClient.getBlock({ blockNumber: placed.receipt.blockNumber });
    expect(placed.bidId).toBe(keccak256(encodePacked(["address", "uint256", "uint8"], [ops[0].address, block.timestamp, 4])));
    expect(await balance(deployment.escrow)).toBe(before.escrow + placed.price);
    expect(await balance(ops[0].address)).toBe(before.op - placed.price - gasCost(placed.receipt));
    expect(await details(placed.bidId)).toEqual({ auctionScore: placed.score, bidPrice: placed.price, nodeOp: ops[0].address, vcNumber: 180, discountRate: 300, auctionType: JOIN_CLUSTER_4 });
  });

  it("OrderStatisticsTree(406): the same bid twice by one operator in one second", async () => {
    const { rpcUrl, wallet, publicClient } = chain();
    const latest = await publicClient.getBlock({ blockTag: "latest" });
    const price = bidPrice(E, 0, 365);
    const [first, second] = await mineTogether(
      rpcUrl,
      async () => [
        await wallet(ops[0]).writeContract({ address: auction(), abi: auctionAbi, functionName: "bid", args: [0, 365, JOIN_CLUSTER_4], value: price, gas: 1_000_000n }),
        await wallet(ops[0]).writeContract({ address: auction(), abi: auctionAbi, functionName: "bid", args: [0, 365, JOIN_CLUSTER_4], value: price, gas: 1_000_000n }),
      ],
      { timestamp: latest.timestamp + 1n },
    );
    expect(first.status).toBe("success");
    expect(second.status).toBe("reverted");
    const trace = await rpc<{ output: Hex }>("debug_traceTransaction", [second.transactionHash, { tracer: "callTracer" }]);
    const decoded = decodeErrorResult({ abi: [], data: trace.output });
    expect(decoded.errorName).toBe("Error");
    expect(decoded.args?.[0]).toBe("OrderStatisticsTree(406) - Value and Key pair exists. Cannot be inserted again.");
  });

  it("updateBid takes only the difference upward, refunds downward; withdrawBid refunds the price", async () => {
    const { deployment } = chain();
    const placed = await bid(ops[0], 1000, 200);
    const up = bidPrice(E, 0, 400) - placed.price;
    expect(await read("getUpdateBidPrice", [ops[0].address, placed.bidId, 0, 400])).toBe(up);
    expect(await revertName(simulate(ops[0], "updateBid", [placed.bidId, 0, 400], up - 1n))).toBe("NotEnoughEtherSent");
    const escrowBefore = await balance(deployment.escrow);
    const receipt = await send(ops[0], "updateBid", [placed.bidId, 0, 400], up);
    expect(parseEventLogs({ abi: auctionAbi, eventName: "BidUpdated", logs: receipt.logs })[0].args).toMatchObject({ newBidPrice: bidPrice(E, 0, 400), newAuctionScore: auctionScore(E, 0, 400, 1) });
    expect(await balance(deployment.escrow)).toBe(escrowBefore + up);

    expect(await read("getUpdateBidPrice", [ops[0].address, placed.bidId, 2000, 90])).toBe(0n);
    const opBefore = await balance(ops[0].address);
    const down = await send(ops[0], "updateBid", [placed.bidId, 2000, 90]);
    expect(await balance(ops[0].address)).toBe(opBefore + bidPrice(E, 0, 400) - bidPrice(E, 2000, 90) - gasCost(down));

    const beforeWithdraw = await balance(ops[0].address);
    const withdrawn = await send(ops[0], "withdrawBid", [placed.bidId]);
    expect(parseEventLogs({ abi: auctionAbi, eventName: "BidWithdrawn", logs: withdrawn.logs })[0].args).toEqual({ nodeOpAddr: ops[0].address, bidId: placed.bidId });
    expect(await balance(ops[0].address)).toBe(beforeWithdraw + bidPrice(E, 2000, 90) - gasCost(withdrawn));
    expect((await details(placed.bidId)).nodeOp).toBe("0x0000000000000000000000000000000000000000");
    expect(await revertName(simulate(ops[0], "withdrawBid", [placed.bidId]))).toBe("SenderNotBidder");
  });

  it("validates terms and type in bid, quotes and views: DiscountRateTooHigh, DurationTooShort, NotEnoughEtherSent, InvalidAuctionType, SenderNotBidder", async () => {
    const placed = await bid(ops[0], 0, 365);
    expect(await revertName(simulate(ops[1], "bid", [2001, 365, JOIN_CLUSTER_4], parseEther("1")))).toBe("DiscountRateTooHigh");
    expect(await revertName(simulate(ops[1], "bid", [0, 89, JOIN_CLUSTER_4], parseEther("1")))).toBe("DurationTooShort");
    expect(await revertName(simulate(ops[1], "bid", [0, 365, JOIN_CLUSTER_4], bidPrice(E, 0, 365) - 1n))).toBe("NotEnoughEtherSent");
    expect(await revertName(simulate(ops[1], "bid", [0, 365, JOIN_CLUSTER_7], parseEther("1")))).toBe("InvalidAuctionType");
    expect(await revertName(read("getPriceToPay", [ops[1].address, 2001, 365, JOIN_CLUSTER_4]))).toBe("DiscountRateTooHigh");
    expect(await revertName(read("getPriceToPay", [ops[1].address, 0, 365, 0]))).toBe("InvalidAuctionType");
    expect(await revertName(read("getNumBids", [JOIN_CLUSTER_7]))).toBe("InvalidAuctionType");
    expect(await revertName(simulate(ops[1], "updateBid", [placed.bidId, 0, 400], parseEther("1")))).toBe("SenderNotBidder");
    expect(await revertName(read("getUpdateBidPrice", [ops[1].address, placed.bidId, 0, 400]))).toBe("SenderNotBidder");
  });
});

// ---------------------------------------------------------------- ranking

describe("getBidRanking", () => {
  it("orders ids by score, best first, but returns a wrong score after a group of equal scores; getBidDetails holds the right one", async () => {
    // Scores: a > [b1 b2 b3] > c > [d1 d2] > e — ties at depths 2 and 5.
    const a = await bid(ops[0], 0, 1000);
    const b = [await bid(ops[1], 0, 800), await bid(ops[2], 0, 800), await bid(ops[3], 0, 800)];
    const c = await bid(ops[4], 0, 700);
    const d = [await bid(ops[5], 0, 600), await bid(ops[6], 0, 600)];
    const e = await bid(ops[7], 0, 500);
    const expected = [a, ...b, c, ...d, e];
    const nodes = await ranking(expected.length);
    expect(nodes.map((n) => n.bidId)).toEqual(expected.map((p) => p.bidId));
    const stored = await Promise.all(nodes.map((n) => details(n.bidId)));
    expect(stored.map((s) => s.auctionScore)).toEqual(expected.map((p) => p.score));
    const wrong = nodes.filter((n, i) => n.auctionScore !== stored[i].auctionScore).map((n) => n.bidId);
    // Byzantine's loop writes each next group's score at index i, which the tie group already
    // filled: b2 shows c's score, b3 d's, c e's.
    expect(wrong).toEqual([b[1].bidId, b[2].bidId, c.bidId]);
    expect(nodes.slice(2, 5).map((n) => n.auctionScore)).toEqual([c.score, d[0].score, e.score]);
  });

  it("refuses 0 bids and more bids than pending with Byzantine's messages", async () => {
    await bid(ops[0], 0, 365);
    const reason = async (n: bigint) => {
      const error = await ranking(Number(n)).then(
        () => null,
        (e: unknown) => e,
      );
      return error instanceof Error ? error.message : "no revert";
    };
    expect(await reason(0n)).toContain("Number of bids must be greater than 0");
    expect(await reason(2n)).toContain("Number of bids too high");
    expect(await ranking(1)).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- auctions and clusters

describe("virtual cluster and triggerAuction", () => {
  it("forms a virtual cluster once four operators bid: getNumDVInAuction counts it, getWinningCluster returns (id, average)", async () => {
    expect(await read("getWinningCluster")).toEqual([`0x${"00".repeat(32)}`, 0n]);
    expect(await read("getNumDVInAuction")).toBe(0n);
    const placed = [await bid(ops[0], 0, 400), await bid(ops[1], 0, 300), await bid(ops[2], 0, 200)];
    expect(await read("getNumDVInAuction")).toBe(0n);
    // An operator's second bid does not make a fourth operator.
    placed.push(await bid(ops[0], 0, 350));
    expect(await read("getNumDVInAuction")).toBe(0n);
    const fourth = await bid(ops[3], 0, 100);
    expect(await read("getNumDVInAuction")).toBe(1n);
    const seats = [placed[0], placed[1], placed[2], fourth];
    const average = averageScore(seats.map((s) => s.score));
    const [clusterId, score] = await read<[Hex, bigint]>("getWinningCluster");
    expect(score).toBe(average);
    const block = await chain().publicClient.getBlock({ blockNumber: fourth.receipt.blockNumber });
    const operators = [ops[0], ops[1], ops[2], ops[3]].map((o) => o.address);
    expect(clusterId).toBe(keccak256(encodePacked(["uint256", "uint256", "address[]"], [block.timestamp, average, operators])));
    const cluster = await read<{ nodes: { bidId: Hex; currentVCNumber: number }[]; status: number }>("getClusterDetails", [clusterId]);
    expect(cluster.nodes).toEqual(seats.map((s, i) => ({ bidId: s.bidId, currentVCNumber: [400, 300, 200, 100][i] })));
    expect(cluster.status).toBe(0);
  });

  it("a 64 ETH deposit creates two clusters sharing the vault and its EigenPod; winners' payments go to staker rewards", async () => {
    const { deployment, publicClient } = chain();
    const bids: Placed[] = [];
    for (const [i, op] of ops.entries()) bids.push(await bid(op, 0, 1000 - i * 10));
    const rewardsBefore = await balance(deployment.stakerRewards);
    const { receipt, created } = await deposit(2);
    expect(created).toHaveLength(2);
    expect(created[0].vaultAddr).toBe(created[1].vaultAddr);
    expect(created[0].eigenPodAddr).toBe(created[1].eigenPodAddr);
    expect(created[0].splitAddr).not.toBe(created[1].splitAddr);
    expect(await publicClient.readContract({ address: deployment.vault, abi: vaultManagerAbi, functionName: "getPodByStratVaultAddr", args: [created[0].vaultAddr] })).toBe(created[0].eigenPodAddr);
    const joined = parseEventLogs({ abi: auctionAbi, eventName: "WinnerJoinedCluster", logs: receipt.logs });
    expect(joined.map((j) => j.args.winningBidId)).toEqual(bids.map((b) => b.bidId));
    expect(joined.map((j) => j.args.clusterJoined)).toEqual([0, 0, 0, 0, 1, 1, 1, 1].map((i) => created[i].clusterId));
    expect(await balance(deployment.stakerRewards)).toBe(rewardsBefore + bids.reduce((sum, b) => sum + b.price, 0n));
    expect(await read("getNumBids", [JOIN_CLUSTER_4])).toBe(0n);
    for (const c of created) expect((await read<{ status: number; splitAddr: Address }>("getClusterDetails", [c.clusterId])).status).toBe(1);
    expect(await publicClient.readContract({ address: created[0].vaultAddr, abi: vaultAbi, functionName: "getAllDVIds" })).toEqual(created.map((c) => c.clusterId));
  });

  it("MainAuctionEmpty through a deposit with no cluster waiting; OnlyStratVaultETH for cluster writes from anyone else, the owner included", async () => {
    const { deployment } = chain();
    const depositCall = () =>
      chain().publicClient.simulateContract({ account: owner, address: deployment.vault, abi: vaultManagerAbi, functionName: "createStratVaultAndStakeNativeETH", value: parseEther("32") });
    expect(await revertName(depositCall)).toBe("MainAuctionEmpty");
    const id = keccak256("0x01");
    expect(await revertName(simulate(owner, "triggerAuction"))).toBe("OnlyStratVaultETH");
    expect(await revertName(simulate(owner, "setClusterPubKey", [id, pubkey]))).toBe("OnlyStratVaultETH");
    expect(await revertName(simulate(owner, "updateClusterStatus", [id, 2]))).toBe("OnlyStratVaultETH");
    expect(await revertName(simulate(owner, "updateNodeVCNumber", [id, 1]))).toBe("OnlyStakerRewards");
  });

  it("the cluster's vault activates (DEPOSITED, sha256(pubkey ++ 16 zero bytes)) and verifies it; the staker rewards exit it", async () => {
    for (const [i, op] of ops.slice(0, 4).entries()) await bid(op, 0, 300 + i * 10);
    const { created } = await deposit(1);
    const { clusterId, vaultAddr } = created[0];
    await write(owner, vaultAddr, vaultAbi, "activateCluster", [pubkey, clusterId]);
    let cluster = await read<{ status: number; clusterPubKeyHash: Hex; nodes: { currentVCNumber: number }[] }>("getClusterDetails", [clusterId]);
    expect(cluster.status).toBe(2);
    expect(cluster.clusterPubKeyHash).toBe(sha256(concat([pubkey, `0x${"00".repeat(16)}`])));
    await write(owner, vaultAddr, vaultAbi, "verifyWithdrawalCredentials", [clusterId]);
    expect((await read<{ status: number }>("getClusterDetails", [clusterId])).status).toBe(3);
    // 300 credits for the node with the fewest: it reaches 0 and the cluster exits.
    await write(owner, chain().deployment.stakerRewards, stakerRewardsAbi, "consumeVCs", [clusterId, 300]);
    cluster = await read("getClusterDetails", [clusterId]);
    expect(cluster.status).toBe(4);
    expect(cluster.nodes.map((n) => n.currentVCNumber)).toEqual([30, 20, 10, 0]);
  });
});

describe("removeBid", () => {
  it("lets the owner remove a bid: refunded, BidRemoved, gone from the ranking and the bid details", async () => {
    const placed = await bid(ops[2], 700, 250);
    const other = await bid(ops[3], 0, 365);
    const before = await balance(ops[2].address);
    const receipt = await send(owner, "removeBid", [placed.bidId, placed.score, ops[2].address, JOIN_CLUSTER_4]);
    expect(parseEventLogs({ abi: auctionAbi, eventName: "BidRemoved", logs: receipt.logs })[0].args).toEqual({ nodeOpAddr: ops[2].address, bidId: placed.bidId });
    expect(await balance(ops[2].address)).toBe(before + placed.price);
    expect((await ranking(1)).map((n) => n.bidId)).toEqual([other.bidId]);
    expect((await details(placed.bidId)).nodeOp).toBe("0x0000000000000000000000000000000000000000");
    expect((await read<{ numBidsCluster4: number }>("getNodeOpDetails", [ops[2].address])).numBidsCluster4).toBe(0);
  });
});

describe("RefundFailed", () => {
  it("a bidder that cannot receive ether (a contract without receive) sending too much", async () => {
    const { deployment } = chain();
    // Multicall3 has no receive or fallback: as the sender of a simulated bid, the excess cannot go back.
    const bidder = deployment.multicall3;
    await rpc("anvil_setBalance", [bidder, toHex(parseEther("100"))]);
    await send(owner, "whitelistNodeOps", [[bidder]]);
    const price = bidPrice(E, 0, 365);
    expect(await revertName(simulate(bidder, "bid", [0, 365, JOIN_CLUSTER_4], price + 1n))).toBe("RefundFailed");
    expect(encodeFunctionData({ abi: auctionAbi, functionName: "bid", args: [0, 365, JOIN_CLUSTER_4] })).toMatch(/^0x/);
  });
});
