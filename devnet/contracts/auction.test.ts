/**
 * The development auction on a private anvil (these tests write): bid ids, escrow, events,
 * ranking, distinct-winner selection, cluster creation, public key and status. Every test starts
 * from the same state: operators 1-8 whitelisted, no bids (revertAfterEach).
 */
import { createHash } from "node:crypto";
import {
  concat,
  encodePacked,
  keccak256,
  parseEther,
  parseEventLogs,
  sha256,
  zeroHash,
  type Abi,
  type Account,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { auctionAbi, vaultAbi } from "@/contracts-abi";
import { auctionScore, averageScore, bidPrice, JOIN_CLUSTER_4 } from "@/lib/auction/math";
import { devAccounts } from "../accounts";
import { auctionParameters } from "../deploy";
import { gasCost, mined, mineTogether, ownChain, revertAfterEach, revertName } from "../testing/chain";

const E = auctionParameters.expectedDailyReturnWei;
const owner = devAccounts[0];
const ops = devAccounts.slice(1, 9);

const splitAbi = [
  { type: "function", name: "recipients", stateMutability: "view", inputs: [{ name: "", type: "uint256" }], outputs: [{ name: "", type: "address" }] },
] as const satisfies Abi;
const eigenPodAbi = [{ type: "function", name: "vault", stateMutability: "view", inputs: [], outputs: [{ name: "", type: "address" }] }] as const satisfies Abi;

const chain = ownChain();

beforeAll(async () => {
  const { publicClient, deployment, wallet } = chain();
  await mined(
    publicClient,
    wallet(owner).writeContract({ address: deployment.auction, abi: auctionAbi, functionName: "whitelistNodeOps", args: [ops.map((a) => a.address)] }),
  );
});
revertAfterEach(chain);

// ---------------------------------------------------------------- helpers

const auction = () => chain().deployment.auction;
const vault = () => chain().deployment.vault;
const read = <T>(functionName: string, args: readonly unknown[] = []) =>
  chain().publicClient.readContract({ address: auction(), abi: auctionAbi, functionName, args } as never) as Promise<T>;
const balance = (address: Hex) => chain().publicClient.getBalance({ address });
const expectedBidId = (operator: Hex, stamp: bigint) => keccak256(encodePacked(["address", "uint256", "uint8"], [operator, stamp, 4]));

async function send(account: Account, functionName: string, args: readonly unknown[], value?: bigint): Promise<TransactionReceipt> {
  const { publicClient, wallet } = chain();
  return mined(publicClient, wallet(account).writeContract({ address: auction(), abi: auctionAbi, functionName, args, value } as never));
}

async function vaultSend(functionName: "createCluster" | "setClusterPubKey" | "updateClusterStatus", args: readonly unknown[] = []): Promise<TransactionReceipt> {
  const { publicClient, wallet } = chain();
  return mined(publicClient, wallet(owner).writeContract({ address: vault(), abi: vaultAbi, functionName, args } as never));
}

type Placed = { bidId: Hex; price: bigint; score: bigint; receipt: TransactionReceipt; operator: Account; discountRate: number; days: number };

async function bid(operator: Account, discountRate: number, days: number, value = bidPrice(E, discountRate, days)): Promise<Placed> {
  const receipt = await send(operator, "bid", [discountRate, days, JOIN_CLUSTER_4], value);
  const [placed] = parseEventLogs({ abi: auctionAbi, eventName: "BidPlaced", logs: receipt.logs });
  return { bidId: placed.args.bidId, price: bidPrice(E, discountRate, days), score: auctionScore(E, discountRate, days), receipt, operator, discountRate, days };
}

const ranking = async (n = 100n) => (await read<{ auctionScore: bigint; bidId: Hex }[]>("getBidRanking", [n, JOIN_CLUSTER_4])).map((r) => r.bidId);

// ---------------------------------------------------------------- bids

describe("bid", () => {
  it("ids the bid keccak256(address, block.timestamp, uint8 4), stores it, emits BidPlaced and escrows exactly the price", async () => {
    const operator = ops[0];
    const [opBefore, auctionBefore] = await Promise.all([balance(operator.address), balance(auction())]);
    const price = bidPrice(E, 500, 400);
    // One ether too much: the excess comes straight back.
    const placed = await bid(operator, 500, 400, price + parseEther("1"));
    const block = await chain().publicClient.getBlock({ blockNumber: placed.receipt.blockNumber });

    expect(placed.bidId).toBe(expectedBidId(operator.address, block.timestamp));
    const events = parseEventLogs({ abi: auctionAbi, logs: placed.receipt.logs });
    expect(events.map((e) => [e.eventName, e.address.toLowerCase()])).toEqual([["BidPlaced", auction().toLowerCase()]]);
    expect(events[0].args).toEqual({
      nodeOpAddr: operator.address,
      bidId: placed.bidId,
      discountRate: 500,
      duration: 400,
      bidPrice: price,
      auctionScore: auctionScore(E, 500, 400),
      auctionType: JOIN_CLUSTER_4,
    });
    expect(await read("getBidDetails", [placed.bidId])).toEqual({
      auctionScore: auctionScore(E, 500, 400),
      bidPrice: price,
      nodeOp: operator.address,
      vcNumber: 400,
      discountRate: 500,
      auctionType: JOIN_CLUSTER_4,
    });
    expect(await read("getNodeOpDetails", [operator.address])).toEqual({ reputationScore: 1, numBonds: 0, numBidsCluster4: 1, numBidsCluster7: 0, isWhitelisted: true });
    expect(await balance(auction())).toBe(auctionBefore + price);
    expect(await balance(operator.address)).toBe(opBefore - price - gasCost(placed.receipt));
  });

  it("gives a second bid of one operator in one block the next second, and never reuses a withdrawn bid's id", async () => {
    const { publicClient, wallet, rpcUrl } = chain();
    const operator = ops[1];
    const latest = await publicClient.getBlock();
    const stamp = latest.timestamp + 100n;
    const nonce = await publicClient.getTransactionCount({ address: operator.address });
    const fees = { gas: 500_000n, maxFeePerGas: parseEther("0.0000001"), maxPriorityFeePerGas: 0n };
    const price = bidPrice(E, 0, 365);
    const w = wallet(operator);
    const receipts = await mineTogether(
      rpcUrl,
      async () => [
        await w.writeContract({ address: auction(), abi: auctionAbi, functionName: "bid", args: [0, 365, JOIN_CLUSTER_4], value: price, nonce, ...fees }),
        await w.writeContract({ address: auction(), abi: auctionAbi, functionName: "bid", args: [0, 365, JOIN_CLUSTER_4], value: price, nonce: nonce + 1, ...fees }),
        await w.writeContract({ address: auction(), abi: auctionAbi, functionName: "withdrawBid", args: [expectedBidId(operator.address, stamp)], nonce: nonce + 2, ...fees }),
        await w.writeContract({ address: auction(), abi: auctionAbi, functionName: "bid", args: [0, 365, JOIN_CLUSTER_4], value: price, nonce: nonce + 3, ...fees }),
      ],
      { timestamp: stamp },
    );
    expect(receipts.map((r) => [r.status, r.blockNumber])).toEqual(Array(4).fill(["success", latest.number + 1n]));
    expect((await publicClient.getBlock({ blockNumber: latest.number + 1n })).timestamp).toBe(stamp);
    const ids = receipts.map((r) => {
      const [event] = parseEventLogs({ abi: auctionAbi, logs: r.logs });
      return "bidId" in event.args ? event.args.bidId : undefined;
    });
    expect(ids).toEqual([
      expectedBidId(operator.address, stamp),
      expectedBidId(operator.address, stamp + 1n),
      expectedBidId(operator.address, stamp),
      expectedBidId(operator.address, stamp + 2n),
    ]);
    expect(await ranking()).toEqual([ids[1], ids[3]]);
  });
});

describe("updateBid", () => {
  it("upward: quotes and takes only the difference, refunds any excess, emits BidUpdated", async () => {
    const operator = ops[2];
    const placed = await bid(operator, 1000, 365);
    const newPrice = bidPrice(E, 500, 730);
    const owed = newPrice - placed.price;
    expect(owed).toBeGreaterThan(0n);
    expect(await read("getUpdateBidPrice", [operator.address, placed.bidId, 500, 730])).toBe(owed);

    const [opBefore, auctionBefore] = await Promise.all([balance(operator.address), balance(auction())]);
    const receipt = await send(operator, "updateBid", [placed.bidId, 500, 730], owed + 12_345n);
    const events = parseEventLogs({ abi: auctionAbi, logs: receipt.logs });
    expect(events.map((e) => e.eventName)).toEqual(["BidUpdated"]);
    expect(events[0].args).toEqual({
      nodeOpAddr: operator.address,
      bidId: placed.bidId,
      newDiscountRate: 500,
      newDuration: 730,
      newBidPrice: newPrice,
      newAuctionScore: auctionScore(E, 500, 730),
    });
    expect(await read("getBidDetails", [placed.bidId])).toEqual({
      auctionScore: auctionScore(E, 500, 730),
      bidPrice: newPrice,
      nodeOp: operator.address,
      vcNumber: 730,
      discountRate: 500,
      auctionType: JOIN_CLUSTER_4,
    });
    expect(await balance(auction())).toBe(auctionBefore + owed);
    expect(await balance(operator.address)).toBe(opBefore - owed - gasCost(receipt));
    expect(await read("getNumBids", [JOIN_CLUSTER_4])).toBe(1n);
  });

  it("upward with one wei short reverts NotEnoughEtherSent and changes nothing", async () => {
    const operator = ops[2];
    const placed = await bid(operator, 1000, 365);
    const owed = bidPrice(E, 0, 3650) - placed.price;
    expect(await revertName(send(operator, "updateBid", [placed.bidId, 0, 3650], owed - 1n))).toBe("NotEnoughEtherSent");
    expect((await read<{ bidPrice: bigint }>("getBidDetails", [placed.bidId])).bidPrice).toBe(placed.price);
  });

  it("downward: quotes nothing owed and refunds the difference plus whatever was sent", async () => {
    const operator = ops[3];
    const placed = await bid(operator, 0, 1000);
    const newPrice = bidPrice(E, 2000, 90);
    expect(await read("getUpdateBidPrice", [operator.address, placed.bidId, 2000, 90])).toBe(0n);

    const [opBefore, auctionBefore] = await Promise.all([balance(operator.address), balance(auction())]);
    const receipt = await send(operator, "updateBid", [placed.bidId, 2000, 90], parseEther("1"));
    const [updated] = parseEventLogs({ abi: auctionAbi, eventName: "BidUpdated", logs: receipt.logs });
    expect([updated.args.newBidPrice, updated.args.newAuctionScore]).toEqual([newPrice, auctionScore(E, 2000, 90)]);
    expect(await balance(auction())).toBe(auctionBefore - (placed.price - newPrice));
    expect(await balance(operator.address)).toBe(opBefore + (placed.price - newPrice) - gasCost(receipt));
  });
});

describe("withdrawBid", () => {
  it("refunds the whole escrow, emits BidWithdrawn and forgets the bid", async () => {
    const operator = ops[4];
    const kept = await bid(ops[5], 0, 90);
    const placed = await bid(operator, 300, 500);
    const [opBefore, auctionBefore] = await Promise.all([balance(operator.address), balance(auction())]);
    const receipt = await send(operator, "withdrawBid", [placed.bidId]);
    const events = parseEventLogs({ abi: auctionAbi, logs: receipt.logs });
    expect(events.map((e) => [e.eventName, e.args])).toEqual([["BidWithdrawn", { nodeOpAddr: operator.address, bidId: placed.bidId }]]);
    expect(await balance(auction())).toBe(auctionBefore - placed.price);
    expect(await balance(auction())).toBe(kept.price);
    expect(await balance(operator.address)).toBe(opBefore + placed.price - gasCost(receipt));
    expect(await read("getBidDetails", [placed.bidId])).toEqual({
      auctionScore: 0n,
      bidPrice: 0n,
      nodeOp: "0x0000000000000000000000000000000000000000",
      vcNumber: 0,
      discountRate: 0,
      auctionType: 0,
    });
    expect(await ranking()).toEqual([kept.bidId]);
    expect((await read<{ numBidsCluster4: number }>("getNodeOpDetails", [operator.address])).numBidsCluster4).toBe(0);
    expect(await revertName(send(operator, "withdrawBid", [placed.bidId]))).toBe("BidDoesNotExist");
  });
});

// ---------------------------------------------------------------- ranking

describe("getBidRanking, getNumBids, getWinningCluster", () => {
  it("orders by score, best first; equal scores keep arrival order, an update goes behind its equals", async () => {
    expect(await ranking()).toEqual([]);
    expect(await read("getNumBids", [JOIN_CLUSTER_4])).toBe(0n);
    const a = await bid(ops[0], 0, 365);
    const b = await bid(ops[1], 0, 1000);
    const c = await bid(ops[2], 0, 365);
    const d = await bid(ops[3], 2000, 90);
    expect(a.score).toBe(c.score);
    expect(b.score).toBeGreaterThan(a.score);
    expect(a.score).toBeGreaterThan(d.score);

    const full = await read<{ auctionScore: bigint; bidId: Hex }[]>("getBidRanking", [10n, JOIN_CLUSTER_4]);
    expect(full).toEqual([b, a, c, d].map((x) => ({ auctionScore: x.score, bidId: x.bidId })));
    expect(await ranking(2n)).toEqual([b.bidId, a.bidId]);
    expect(await ranking(0n)).toEqual([]);
    expect(await read("getNumBids", [JOIN_CLUSTER_4])).toBe(4n);
    expect(await read("getNumBids", [2])).toBe(0n);
    expect(await read("getNumDVInAuction")).toBe(4n);
    expect(await read("getWinningCluster")).toEqual([b.bidId, a.bidId, c.bidId, d.bidId]);

    // Same price and score again: a moves behind c, its equal.
    await send(ops[0], "updateBid", [a.bidId, 0, 365]);
    expect(await ranking()).toEqual([b.bidId, c.bidId, a.bidId, d.bidId]);
    // A better bid moves to the top.
    await send(ops[3], "updateBid", [d.bidId, 0, 3650], bidPrice(E, 0, 3650) - d.price);
    expect(await ranking()).toEqual([d.bidId, b.bidId, c.bidId, a.bidId]);
  });
});

// ---------------------------------------------------------------- clusters

describe("createCluster (vault -> triggerAuction)", () => {
  it("seats one bid per operator: an operator's second-best bid stays pending and the next operator takes the seat", async () => {
    const { publicClient } = chain();
    const op1best = await bid(ops[0], 0, 3650);
    const op1second = await bid(ops[0], 0, 3000);
    const op2 = await bid(ops[1], 0, 2000);
    const op3 = await bid(ops[2], 0, 1500);
    const op4 = await bid(ops[3], 100, 1000);
    const op5 = await bid(ops[4], 2000, 90);
    expect(await ranking()).toEqual([op1best, op1second, op2, op3, op4, op5].map((x) => x.bidId));
    const winners = [op1best, op2, op3, op4];
    expect(await read("getWinningCluster")).toEqual(winners.map((w) => w.bidId));

    const [auctionBefore, vaultBefore] = await Promise.all([balance(auction()), balance(vault())]);
    const receipt = await vaultSend("createCluster");
    const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
    const average = averageScore(winners.map((w) => w.score));
    const clusterId = keccak256(encodePacked(["uint256", "uint256", "address[4]"], [block.timestamp, average, winners.map((w) => w.operator.address) as [Hex, Hex, Hex, Hex]]));

    const events = parseEventLogs({ abi: auctionAbi, logs: receipt.logs });
    expect(events.map((e) => e.eventName)).toEqual(["WinnerJoinedCluster", "WinnerJoinedCluster", "WinnerJoinedCluster", "WinnerJoinedCluster", "ClusterCreated"]);
    expect(events.slice(0, 4).map((e) => e.args)).toEqual(winners.map((w) => ({ nodeOpAddr: w.operator.address, clusterJoined: clusterId, winningBidId: w.bidId })));
    const created = parseEventLogs({ abi: auctionAbi, eventName: "ClusterCreated", logs: receipt.logs })[0].args;
    expect({ clusterId: created.clusterId, averageAuctionScore: created.averageAuctionScore, vaultAddr: created.vaultAddr }).toEqual({
      clusterId,
      averageAuctionScore: average,
      vaultAddr: vault(),
    });
    const { splitAddr, eigenPodAddr } = created;
    expect(new Set([splitAddr, eigenPodAddr, vault(), auction()]).size).toBe(4);
    for (const address of [splitAddr, eigenPodAddr]) expect((await publicClient.getCode({ address }))?.length ?? 0, address).toBeGreaterThan(2);
    for (const [i, w] of winners.entries()) {
      expect(await publicClient.readContract({ address: splitAddr, abi: splitAbi, functionName: "recipients", args: [BigInt(i)] })).toBe(w.operator.address);
    }
    expect(await publicClient.readContract({ address: eigenPodAddr, abi: eigenPodAbi, functionName: "vault" })).toBe(vault());

    expect(await read("getClusterDetails", [clusterId])).toEqual({
      clusterPubKeyHash: zeroHash,
      averageAuctionScore: average,
      nodes: winners.map((w) => ({ bidId: w.bidId, currentVCNumber: w.days })),
      splitAddr,
      status: 1, // IN_CREATION
    });

    // The winners' escrow goes to the vault; the pending bids' stays.
    const paid = winners.reduce((sum, w) => sum + w.price, 0n);
    expect(await balance(vault())).toBe(vaultBefore + paid);
    expect(await balance(auction())).toBe(auctionBefore - paid);
    expect(await balance(auction())).toBe(op1second.price + op5.price);

    expect(await ranking()).toEqual([op1second.bidId, op5.bidId]);
    expect(await read("getNumBids", [JOIN_CLUSTER_4])).toBe(2n);
    const counts = await Promise.all(ops.slice(0, 5).map((a) => read<{ numBidsCluster4: number }>("getNodeOpDetails", [a.address])));
    expect(counts.map((c) => c.numBidsCluster4)).toEqual([1, 0, 0, 0, 1]);
    // A winning bid is no longer pending; the operator's other bid still is.
    expect(await revertName(send(ops[0], "withdrawBid", [op1best.bidId]))).toBe("BidDoesNotExist");
    expect(await revertName(send(ops[0], "updateBid", [op1best.bidId, 0, 3650]))).toBe("BidDoesNotExist");
    await send(ops[0], "withdrawBid", [op1second.bidId]);
    // Two operators left: no cluster of four.
    expect(await revertName(read("getWinningCluster"))).toBe("MainAuctionEmpty");
  });

  it("gives every cluster its own split and EigenPod", async () => {
    const created = [];
    for (let round = 0; round < 2; round++) {
      for (const [i, operator] of ops.slice(round * 4, round * 4 + 4).entries()) await bid(operator, 100 * i, 400 + round);
      const receipt = await vaultSend("createCluster");
      created.push(parseEventLogs({ abi: auctionAbi, eventName: "ClusterCreated", logs: receipt.logs })[0].args);
    }
    const addresses = created.flatMap((c) => [c.splitAddr, c.eigenPodAddr]);
    expect(new Set(addresses).size).toBe(4);
    expect(created[0].clusterId).not.toBe(created[1].clusterId);
  });

  it("stores sha256(pubkey ++ 16 zero bytes) as the public key hash and sets any status", async () => {
    for (const operator of ops.slice(0, 4)) await bid(operator, 0, 365);
    const receipt = await vaultSend("createCluster");
    const { clusterId } = parseEventLogs({ abi: auctionAbi, eventName: "ClusterCreated", logs: receipt.logs })[0].args;
    const pubkey = concat([keccak256("0x01"), `0x${"ab".repeat(16)}`]);
    expect((pubkey.length - 2) / 2).toBe(48);

    await vaultSend("setClusterPubKey", [clusterId, pubkey]);
    const expected = sha256(concat([pubkey, `0x${"00".repeat(16)}`]));
    // Independently of viem: node's sha256 over the 64 bytes.
    expect(expected).toBe(`0x${createHash("sha256").update(Buffer.concat([Buffer.from(pubkey.slice(2), "hex"), Buffer.alloc(16)])).digest("hex")}`);
    const details = await read<{ clusterPubKeyHash: Hex; status: number }>("getClusterDetails", [clusterId]);
    expect(details.clusterPubKeyHash).toBe(expected);
    expect(details.clusterPubKeyHash).not.toBe(sha256(pubkey));

    // Setting it again replaces it.
    const other = `0x${"11".repeat(48)}` as Hex;
    await vaultSend("setClusterPubKey", [clusterId, other]);
    expect((await read<{ clusterPubKeyHash: Hex }>("getClusterDetails", [clusterId])).clusterPubKeyHash).toBe(sha256(concat([other, `0x${"00".repeat(16)}`])));

    for (const status of [2, 3, 4, 0, 1]) {
      await vaultSend("updateClusterStatus", [clusterId, status]);
      expect((await read<{ status: number }>("getClusterDetails", [clusterId])).status, `status ${status}`).toBe(status);
    }
  });
});
