// Bids Byzantine removed, read from a real chain of its own: the refund is the bid's last price
// (after an update), other operators' removals are not listed, later removals are picked up.
import { createWalletClient, http, parseEventLogs, toHex, type Account, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { auctionAbi } from "@/contracts-abi";
import { deployer, seededOperators } from "@/devnet/accounts";
import { ownChain } from "@/devnet/testing/chain";
import { bidPrice, JOIN_CLUSTER_4 } from "./math";
import { readRemovedBids } from "./removed-bids";

const chain = ownChain({ seed: true });
const E = 3243835616438356n;

async function send(account: Account, functionName: string, args: readonly unknown[], value?: bigint) {
  const { publicClient, rpcUrl, deployment } = chain();
  const latest = await publicClient.getBlock({ blockTag: "latest" });
  await publicClient.request({ method: "evm_setNextBlockTimestamp", params: [toHex(latest.timestamp + 1n)] } as never);
  const wallet = createWalletClient({ account, transport: http(rpcUrl) });
  const hash = await wallet.writeContract({ address: deployment.auction, abi: auctionAbi, functionName, args, value, chain: null } as never);
  return publicClient.waitForTransactionReceipt({ hash });
}

describe("readRemovedBids", () => {
  it("lists an operator's removed bids with the refund of their last price, and follows new removals", async () => {
    const { publicClient, deployment } = chain();
    const target = { client: publicClient, auction: deployment.auction, deploymentBlock: BigInt(deployment.deploymentBlock), chunkSize: 7 };
    const [alice, bob] = [seededOperators[11], seededOperators[10]];
    const placed = await send(alice, "bid", [1000, 200, JOIN_CLUSTER_4], bidPrice(E, 1000, 200));
    const bidId: Hex = parseEventLogs({ abi: auctionAbi, eventName: "BidPlaced", logs: placed.logs })[0].args.bidId;
    await send(alice, "updateBid", [bidId, 500, 300], bidPrice(E, 500, 300) - bidPrice(E, 1000, 200));
    const head = () => publicClient.getBlockNumber({ cacheTime: 0 });
    expect(await readRemovedBids(target, alice.address, await head())).toEqual([]);

    const stored = await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getBidDetails", args: [bidId] });
    const removal = await send(deployer, "removeBid", [bidId, stored.auctionScore, alice.address, JOIN_CLUSTER_4]);
    const [removed] = await readRemovedBids(target, alice.address, await head());
    expect(removed).toEqual({
      bidId,
      nodeOp: alice.address,
      blockNumber: removal.blockNumber,
      txHash: removal.transactionHash,
      refund: bidPrice(E, 500, 300),
      discountRate: 500,
      duration: 300,
    });
    expect(await readRemovedBids(target, bob.address, await head())).toEqual([]);
  });
});
