// The dashboard at more clusters than a page shows, through the server's own client and store:
// chain reads per render stay bounded, the "mine" view reads only its page from the chain, and
// the account's figures over all its clusters come from the store. Runs on its own anvil.
import { getAddress, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRpcProxy, type Call } from "@/bench/rpc-proxy";
import { seedOnePerBlock } from "@/bench/seed-one-per-block";
import { seededOperators } from "@/devnet/accounts";
import { usePortalEnv } from "@/devnet/testing/portal-env";
import { startOwnChain, type OwnChain } from "@/devnet/testing/chain";

const clusterCount = 90;
const operator = seededOperators[0].address;

let devnet: OwnChain;
let proxy: Awaited<ReturnType<typeof startRpcProxy>>;
const calls: Call[] = [];
let dashboard: typeof import("./dashboard");

beforeAll(async () => {
  devnet = await startOwnChain({ seed: true });
  await seedOnePerBlock(devnet.rpcUrl, devnet.deployment, clusterCount - 4);
  // The node refuses eth_calls over 2M gas; the portal is set to stay under 1M per multicall.
  proxy = await startRpcProxy(devnet.rpcUrl, { callGasCap: 2_000_000n, onCall: (call) => calls.push(call) });
  usePortalEnv(proxy.url, devnet.deployment);
  process.env.MULTICALL_GAS_LIMIT = "1000000";
  // The first render indexes all the clusters: on a busy machine that outlasts the default 4 s,
  // and the render would then answer that the index is catching up.
  process.env.RPC_TIMEOUT_MS = "60000";
  dashboard = await import("./dashboard");
});

afterAll(async () => {
  await proxy?.close();
  await devnet?.stop();
});

const take = () => {
  const taken = { ...proxy.take(), calls: [...calls] };
  calls.length = 0;
  return taken;
};
const query = (q: Partial<import("./dashboard").DashboardQuery>) => dashboard.dashboardQuerySchema.parse(q);

describe("dashboard at scale", () => {
  it("indexes every cluster on the first render, block timestamps in batched requests", async () => {
    take();
    const global = await dashboard.getDashboard(query({ view: "global" }));
    expect(global.total).toBe(clusterCount);
    const first = take();
    // One block per cluster: ~90 timestamps, asked for in one or two JSON-RPC batches.
    expect(first.calls.filter((c) => c.method === "eth_getBlockByNumber").length).toBeGreaterThanOrEqual(clusterCount - 4);
    expect(first.requests).toBeLessThanOrEqual(10);
  });

  it("reads only the rows of the page on screen for an operator's second page", async () => {
    const { listIndexedClusters } = await import("@/lib/chain/indexed-clusters");
    const { indexTarget } = await import("./index-target");
    const index = await indexTarget();
    const all = await listIndexedClusters(index.db, index, { operator, limit: 1000, offset: 0, sort: "newest" });
    expect(all.total).toBeGreaterThan(dashboard.pageSize);

    take();
    const page2 = await dashboard.getDashboard(query({ view: "mine", operator, page: 2 }));
    const render = take();
    expect(page2.total).toBe(all.total);
    expect(page2.rows.map((r) => r.clusterId)).toEqual(all.clusters.slice(dashboard.pageSize).map((c) => c.clusterId));
    // The chain was asked about page 2's clusters and none of page 1's.
    const asked = JSON.stringify(render.calls.filter((c) => c.method === "eth_call"));
    for (const cluster of all.clusters.slice(dashboard.pageSize)) expect(asked).toContain(cluster.clusterId.slice(2));
    for (const cluster of all.clusters.slice(0, dashboard.pageSize)) expect(asked).not.toContain(cluster.clusterId.slice(2));
    expect(render.requests).toBeLessThanOrEqual(3);
  });

  it("gives the account figures of all the operator's clusters, as the step machine does", async () => {
    const { listIndexedClusters } = await import("@/lib/chain/indexed-clusters");
    const { readChainState } = await import("@/lib/chain/cluster-state");
    const { readClustersSync } = await import("@/lib/sync/cluster-sync");
    const { pendingStepOf } = await import("@/lib/sync/steps");
    const { locksOf } = await import("@/lib/locks/storage");
    const { indexTarget } = await import("./index-target");
    const index = await indexTarget();
    const { clusters } = await listIndexedClusters(index.db, index, { operator, limit: 1000, offset: 0, sort: "oldest" });

    // Vary the steps: the operator alone registered in one cluster (waiting for others), every
    // operator registered in another (the DKG is its action), a lock stored for a third (done).
    const register = (configHash: Hex, address: string, n: number) =>
      index.db.query(
        `INSERT INTO operator_registrations (config_hash, operator, enr, enr_public_key, config_signature, enr_signature)
         VALUES ($1, $2, 'enr:-test', $3, '0x', '0x')`,
        [configHash, getAddress(address), `0x${n.toString(16).padStart(66, "0")}`],
      );
    await register(clusters[0].configHash, operator, 1);
    for (const [n, address] of clusters[1].operators.entries()) await register(clusters[1].configHash, address, 10 + n);
    await index.db.query(
      "INSERT INTO cluster_locks (lock_hash, config_hash, body, posted_via, posted_by) VALUES ($1, $2, '{}', 'seed', 'test')",
      [`0x${"ab".repeat(32)}`, clusters[2].configHash],
    );

    const view = await dashboard.getDashboard(query({ view: "mine", operator }));
    const state = await readChainState(index.client, index.auction, { clusterIds: clusters.map((c) => c.clusterId), bidIds: [], operators: [] });
    const locks = await locksOf(index.db, clusters.map((c) => c.configHash));
    const syncs = await readClustersSync(
      index.db,
      clusters.map((cluster) => ({ cluster, chainStatus: state.clusters.get(cluster.clusterId)!.status, hasLock: locks.has(cluster.configHash) })),
    );
    const waiting = clusters.filter((c) => pendingStepOf(syncs.get(c.configHash)!, operator) !== null).length;
    expect(waiting).toBe(clusters.length - 2);
    const vcs = clusters.reduce((n, c) => n + state.clusters.get(c.clusterId)!.nodes[c.operators.indexOf(operator)].currentVCNumber, 0);
    expect(vcs).toBeGreaterThan(0);
    expect(view.account).toMatchObject({ clusters: clusters.length, validators: clusters.length, waitingOnMe: waiting, vcsHeld: vcs });
  });

  it("serves concurrent renders at one head with one chain read, and at most 3 requests each", async () => {
    const mine = async () => {
      await fetch(devnet.rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "evm_mine", params: [] }) });
      take();
    };
    const ethCalls = () => take().calls.filter((c) => c.method === "eth_call").length;
    await mine();
    await dashboard.getDashboard(query({ view: "mine", operator }));
    const alone = ethCalls();
    expect(alone).toBeGreaterThan(0);
    await mine();
    const views = await Promise.all(Array.from({ length: 10 }, () => dashboard.getDashboard(query({ view: "mine", operator }))));
    expect(ethCalls()).toBe(alone);
    for (const view of views) expect(view).toEqual(views[0]);
    for (const q of [query({ view: "global" }), query({ view: "mine", operator }), query({ view: "global", page: 3 })]) {
      await dashboard.getDashboard(q);
      expect(take().requests).toBeLessThanOrEqual(3);
    }
  });

  it("answers GET /api/clusters at one head from one body, built again after a write to the store", async () => {
    const { GET } = await import("@/app/api/clusters/route");
    const db = await (await import("@/lib/db")).getDatabase();
    const get = async () => (await GET(new Request("http://portal.test/api/clusters?view=global"))).text();
    const first = await get();
    take();
    const query = db.query;
    let queries = 0;
    db.query = (text, params) => {
      queries++;
      return query(text, params);
    };
    try {
      expect(await get()).toBe(first);
      // Neither the store nor the chain beyond the head request.
      expect(queries).toBe(0);
      expect(take().requests).toBe(1);
      await db.query("UPDATE clusters SET block_time = block_time + interval '1 day' WHERE ordinal = (SELECT max(ordinal) FROM clusters)");
      const after = JSON.parse(await get()) as { rows: { createdAt: string }[] };
      expect(Date.parse(after.rows[0].createdAt) - Date.parse((JSON.parse(first) as typeof after).rows[0].createdAt)).toBe(86_400_000);
    } finally {
      db.query = query;
    }
  });
});
