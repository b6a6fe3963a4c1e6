import { createPublicClient, http, type PublicClient } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRpcProxy, type Call } from "@/bench/rpc-proxy";
import { seedOnePerBlock } from "@/bench/seed-one-per-block";
import { deployer } from "@/devnet/accounts";
import { startOwnChain, type OwnChain } from "@/devnet/testing/chain";
import { devnetIndexTarget } from "@/devnet/testing/index-target";
import { auctionAbi } from "@/contracts-abi";
import type { Database } from "@/lib/db";
import { withTestDatabase } from "@/lib/db/testing";
import { blockTimes } from "./block-times";
import { sharedAtBlock } from "./block-reads";
import { boundedMulticall, setMulticallGasLimit } from "./bounded-multicall";
import { configuredChain } from "./chains";
import { syncClusterIndex } from "./cluster-index";
import { readChainState } from "./cluster-state";
import { listIndexedClusters } from "./indexed-clusters";

// Clusters created one per block, as on a real chain; this file's own anvil.
const clusterCount = 64;
/** The eth_call gas cap of the fake node: about 29 getClusterDetails, far below 64 of them. */
const callGasCap = 1_000_000n;

let devnet: OwnChain;
let capped: Awaited<ReturnType<typeof startRpcProxy>>;
let counting: Awaited<ReturnType<typeof startRpcProxy>>;
/** The calls either proxy forwarded since the test last emptied this. */
const calls: Call[] = [];

beforeAll(async () => {
  devnet = await startOwnChain({ seed: true });
  await seedOnePerBlock(devnet.rpcUrl, devnet.deployment, clusterCount - 4);
  capped = await startRpcProxy(devnet.rpcUrl, { callGasCap, onCall: (call) => calls.push(call) });
  counting = await startRpcProxy(devnet.rpcUrl, { onCall: (call) => calls.push(call) });
});

afterAll(async () => {
  await capped?.close();
  await counting?.close();
  await devnet?.stop();
});

/** A client that batches JSON-RPC requests as the server's does. */
function clientOf(url: string): PublicClient {
  return createPublicClient({
    chain: configuredChain({ chainId: devnet.deployment.chainId, chainName: "test", rpcUrl: url, explorerUrl: null }),
    transport: http(url, { batch: { batchSize: 100, wait: 0 }, retryCount: 0 }),
    cacheTime: 0,
  }) as PublicClient;
}
const cappedClient = () => clientOf(capped.url);

const target = (db: Database, client: PublicClient) => devnetIndexTarget(devnet.deployment, client, db, 50_000);

describe("reads bounded by a node's eth_call gas cap", () => {
  it("splits a multicall the capped node refuses whole into chunks it accepts", async () => {
    const client = cappedClient();
    await withTestDatabase(async (db) => {
      await syncClusterIndex(target(db, clientOf(devnet.rpcUrl)));
      const { clusters } = await listIndexedClusters(db, devnet.deployment, { limit: clusterCount, offset: 0, sort: "oldest" });
      expect(clusters).toHaveLength(clusterCount);
      const contracts = clusters.map((c) => ({ address: devnet.deployment.auction, abi: auctionAbi, functionName: "getClusterDetails", args: [c.clusterId] }) as const);
      // The cap is real: all 64 reads in one eth_call run out of gas.
      await expect(client.multicall({ allowFailure: false, batchSize: 0, contracts })).rejects.toThrow();
      calls.length = 0;
      const details = await boundedMulticall(client, contracts, { gasLimit: 600_000n });
      expect(details).toHaveLength(clusterCount);
      expect(details.every((d) => (d as { nodes: unknown[] }).nodes.length === 4)).toBe(true);
      const ethCalls = calls.filter((c) => c.method === "eth_call").length;
      expect(ethCalls).toBeGreaterThanOrEqual(3);
      expect(ethCalls).toBeLessThan(clusterCount);
    });
  });

  it("indexes every cluster through the capped node, with block timestamps in batches", async () => {
    await withTestDatabase(async (db) => {
      const client = cappedClient();
      setMulticallGasLimit(client, 600_000n);
      capped.take();
      calls.length = 0;
      const result = await syncClusterIndex(target(db, client));
      expect(result.added).toBe(clusterCount);
      const taken = capped.take();
      // 64 blocks with a cluster each: their timestamps came in one batch, not 64 requests.
      const blockRequests = calls.filter((c) => c.method === "eth_getBlockByNumber").length;
      expect(blockRequests).toBe(clusterCount);
      expect(taken.requests).toBeLessThanOrEqual(8);
      // The stored times are the blocks' own.
      const { clusters } = await listIndexedClusters(db, devnet.deployment, { limit: clusterCount, offset: 0, sort: "oldest" });
      const times = await blockTimes(client, clusters.map((c) => c.blockNumber));
      for (const cluster of clusters) expect(cluster.createdAt.getTime()).toBe(times.get(cluster.blockNumber)! * 1000);
    });
  });
});

describe("single-flight reads at a block", () => {
  it("concurrent reads at one head share one eth_call; a new block reads again", async () => {
    const client = clientOf(counting.url);
    await withTestDatabase(async (db) => {
      await syncClusterIndex(target(db, client));
      const { clusters } = await listIndexedClusters(db, devnet.deployment, { limit: 10, offset: 0, sort: "newest" });
      const wanted = { clusterIds: clusters.map((c) => c.clusterId), bidIds: clusters.flatMap((c) => c.bidIds), operators: [] };
      const block = await client.getBlockNumber({ cacheTime: 0 });
      calls.length = 0;
      const states = await Promise.all(Array.from({ length: 20 }, () => readChainState(client, devnet.deployment.auction, wanted, { blockNumber: block })));
      expect(calls.filter((c) => c.method === "eth_call")).toHaveLength(1);
      for (const state of states) expect(state).toEqual(states[0]);
      expect(states[0].clusters.size).toBe(10);
      expect(states[0].bids.size).toBe(40);
      // A wider read at the same block asks only for what nobody has read yet.
      calls.length = 0;
      await readChainState(client, devnet.deployment.auction, { ...wanted, operators: [deployer.address] }, { blockNumber: block });
      expect(calls.filter((c) => c.method === "eth_call")).toHaveLength(1);
      expect(JSON.stringify(calls)).not.toContain(clusters[0].clusterId.slice(2));
      // The next block: read again.
      await client.request({ method: "evm_mine" } as never);
      calls.length = 0;
      await readChainState(client, devnet.deployment.auction, wanted);
      expect(calls.filter((c) => c.method === "eth_call")).toHaveLength(1);
    });
  });

  it("forgets a failed read so the next caller tries again", async () => {
    const client = cappedClient();
    let attempts = 0;
    const failing = () => {
      attempts += 1;
      return Promise.reject(new Error("node down"));
    };
    await expect(sharedAtBlock(client, 1n, "k", failing)).rejects.toThrow("node down");
    await expect(sharedAtBlock(client, 1n, "k", () => Promise.resolve(7))).resolves.toBe(7);
    await expect(sharedAtBlock(client, 1n, "k", failing)).resolves.toBe(7);
    expect(attempts).toBe(1);
  });
});
