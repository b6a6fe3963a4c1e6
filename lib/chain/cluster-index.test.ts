import { createPublicClient, custom, http, type EIP1193RequestFn, type PublicClient } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployer, seededOperators } from "@/devnet/accounts";
import { seedClusters, type SeedSummary } from "@/devnet/seed";
import { startOwnChain, type OwnChain } from "@/devnet/testing/chain";
import { devnetIndexTarget } from "@/devnet/testing/index-target";
import { auctionAbi } from "@/contracts-abi";
import type { Database } from "@/lib/db";
import { suiteDatabase, testDatabases, withTestDatabase } from "@/lib/db/testing";
import { buildDefinition } from "@/lib/obol/definition-builder";
import { configuredChain } from "./chains";
import { syncClusterIndex } from "./cluster-index";
import { findIndexedCluster, listIndexedClusters } from "./indexed-clusters";

// This file mutates its chain (new clusters), so it runs on an anvil of its own.
let devnet: OwnChain;
let seeded: SeedSummary;
/** Every cluster on this chain, in creation order: the seed's, then those the tests add. */
const onChain: string[] = [];

beforeAll(async () => {
  devnet = await startOwnChain({ seed: true });
  seeded = devnet.seed!;
  onChain.push(...seeded.clusters);
});

afterAll(async () => {
  await devnet?.stop();
});

/** A client that records the block ranges of eth_getLogs and can refuse ranges wider than `maxRange`. */
function recordingClient(options: { maxRange?: number } = {}) {
  const ranges: [number, number][] = [];
  const upstream = http(devnet.rpcUrl)({ chain: undefined, retryCount: 0 });
  const request: EIP1193RequestFn = async (args) => {
    if (args.method === "eth_getLogs") {
      const [filter] = args.params as [{ fromBlock: string; toBlock: string }];
      const from = Number(filter.fromBlock);
      const to = Number(filter.toBlock);
      ranges.push([from, to]);
      if (options.maxRange !== undefined && to - from + 1 > options.maxRange) {
        throw Object.assign(new Error(`query exceeds max block range ${options.maxRange}`), { code: -32005 });
      }
    }
    return upstream.request(args as never);
  };
  const chain = configuredChain({ chainId: devnet.deployment.chainId, chainName: "test", rpcUrl: devnet.rpcUrl, explorerUrl: null });
  const client = createPublicClient({ chain, transport: custom({ request }, { retryCount: 0 }), cacheTime: 0 }) as PublicClient;
  return { client, ranges };
}

const target = (db: Database, client: PublicClient, chunkSize?: number) => devnetIndexTarget(devnet.deployment, client, db, chunkSize);

describe.each(testDatabases())("cluster index on $name", (engine) => {
  const db = suiteDatabase(engine);

  it("indexes the seeded clusters in chain order with their operators and config hash", async () => {
    const { client } = recordingClient();
    const result = await syncClusterIndex(target(db, client));
    expect(result.added).toBe(onChain.length);

    const { clusters, total } = await listIndexedClusters(db, devnet.deployment, { limit: 50, offset: 0, sort: "oldest" });
    expect(total).toBe(onChain.length);
    expect(clusters.map((c) => c.clusterId)).toEqual(onChain);
    expect(clusters.map((c) => c.name)).toEqual(onChain.map((_, i) => `Byzantine DV${i + 1}`));
    // Node order is the cluster's on-chain order: best auction score first (seed round one).
    expect(clusters[0].operators).toEqual([4, 2, 1, 3].map((n) => seededOperators[n - 1].address));

    // The stored config hash is the definition of the chain's own data, read here straight from
    // the contract and the ClusterCreated logs, not from what the index stored (the builder itself
    // is pinned by its golden file).
    const chain = createPublicClient({ transport: http(devnet.rpcUrl), cacheTime: 0 });
    const created = await chain.getContractEvents({ address: devnet.deployment.auction, abi: auctionAbi, eventName: "ClusterCreated", fromBlock: 0n, strict: true });
    for (const [i, log] of created.entries()) {
      const details = await chain.readContract({ address: devnet.deployment.auction, abi: auctionAbi, functionName: "getClusterDetails", args: [log.args.clusterId] });
      const operators = await Promise.all(
        details.nodes.map(async (node) => (await chain.readContract({ address: devnet.deployment.auction, abi: auctionAbi, functionName: "getBidDetails", args: [node.bidId] })).nodeOp),
      );
      const { timestamp } = await chain.getBlock({ blockNumber: log.blockNumber });
      const definition = buildDefinition(
        { order: i + 1, clusterId: log.args.clusterId, createdAt: Number(timestamp), operators, splitAddr: log.args.splitAddr, eigenPodAddr: log.args.eigenPodAddr, forkVersion: "0x10000910" },
        deployer.address,
      );
      expect(clusters[i].configHash).toBe(definition.config_hash);
      expect(await findIndexedCluster(db, devnet.deployment, definition.config_hash)).toEqual(clusters[i]);
    }
    expect(created).toHaveLength(clusters.length);
    expect(new Set(clusters.map((c) => c.split)).size).toBe(clusters.length);
    expect(new Set(clusters.map((c) => c.eigenPod)).size).toBe(clusters.length);
  });

  it("picks up new clusters on the next sync and never re-reads old blocks", async () => {
    const before = await syncClusterIndex(target(db, recordingClient().client));
    const { client, ranges } = recordingClient();
    const [created] = await seedClusters(devnet.rpcUrl, devnet.deployment, 1);
    onChain.push(created);
    const result = await syncClusterIndex(target(db, client));
    expect(result.added).toBe(1);
    expect(result.fromBlock).toBe(before.toBlock + 1n);
    expect(ranges.length).toBeGreaterThan(0);
    for (const [from] of ranges) expect(from).toBeGreaterThan(Number(before.toBlock));

    const { clusters, total } = await listIndexedClusters(db, devnet.deployment, { limit: 1, offset: 0, sort: "newest" });
    expect(total).toBe(onChain.length);
    expect(clusters[0].clusterId).toBe(created);
    expect(clusters[0].ordinal).toBe(onChain.length);

    const again = recordingClient();
    expect((await syncClusterIndex(target(db, again.client))).added).toBe(0);
    for (const [from] of again.ranges) expect(from).toBeGreaterThan(Number(result.toBlock));
  });

  it("filters by operator (mine) and pages (global)", async () => {
    const op = seededOperators[0].address;
    const mine = await listIndexedClusters(db, devnet.deployment, { operator: op, limit: 50, offset: 0, sort: "oldest" });
    expect(mine.total).toBeGreaterThan(0);
    for (const cluster of mine.clusters) expect(cluster.operators).toContain(op);
    const all = await listIndexedClusters(db, devnet.deployment, { limit: 50, offset: 0, sort: "oldest" });
    expect(mine.clusters.map((c) => c.clusterId)).toEqual(all.clusters.filter((c) => c.operators.includes(op)).map((c) => c.clusterId));

    const outsider = await listIndexedClusters(db, devnet.deployment, { operator: seededOperators[11].address, limit: 50, offset: 0, sort: "oldest" });
    expect(outsider).toEqual({ clusters: [], total: 0 });

    const page2 = await listIndexedClusters(db, devnet.deployment, { limit: 2, offset: 2, sort: "oldest" });
    expect(page2.clusters.map((c) => c.ordinal)).toEqual([3, 4]);
  });
});

describe("chunked log reads", () => {
  it("splits a range the provider refuses and keeps the smaller size for later chunks", async () => {
    await withTestDatabase(async (db) => {
      const { client, ranges } = recordingClient({ maxRange: 8 });
      const result = await syncClusterIndex(target(db, client, 1000));
      expect(result.added).toBeGreaterThanOrEqual(seeded.clusters.length);
      // The first request asked for everything and was refused; every accepted range fits the limit.
      expect(ranges[0][1] - ranges[0][0] + 1).toBeGreaterThan(8);
      const accepted = ranges.filter(([from, to]) => to - from + 1 <= 8);
      const covered = accepted.reduce((n, [from, to]) => n + (to - from + 1), 0);
      expect(covered).toBe(Number(result.toBlock - result.fromBlock + 1n));
      // Index equals the one read without refusals.
      await withTestDatabase(async (fresh) => {
        await syncClusterIndex(target(fresh, recordingClient().client));
        const a = await listIndexedClusters(db, devnet.deployment, { limit: 100, offset: 0, sort: "oldest" });
        const b = await listIndexedClusters(fresh, devnet.deployment, { limit: 100, offset: 0, sort: "oldest" });
        expect(a).toEqual(b);
      });
    });
  });

  it("fails when a single block is refused", async () => {
    await withTestDatabase(async (db) => {
      const { client } = recordingClient({ maxRange: 0 });
      await expect(syncClusterIndex(target(db, client))).rejects.toThrow(/max block range/);
      expect(await db.query("SELECT 1 FROM clusters")).toEqual([]);
    });
  });
});
