/**
 * `npm run bench [-- --clusters N] [-- --only pages|locks]` (`-- --pages`: page weight, ./pages):
 * on a fresh anvil with N/4 and then N seeded clusters,
 * measures the production server's render time of the dashboard (global and mine) and a cluster
 * page, cold (first request) and warm (median of the next requests), and the JSON-RPC requests
 * each render makes, counted by a proxy in front of the node. In the same run it measures the
 * naive path — one read per cluster, bid and operator — against the batched one the pages use,
 * and prints both with their ratio; then the lock path's figures (./locks). `--only locks` skips
 * the pages and seeds no more than the devnet's few clusters. Figures are printed, never asserted.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createPublicClient, http, type Address, type Hex, type PublicClient } from "viem";
import { auctionAbi } from "@/contracts-abi";
import { seededOperators } from "@/devnet/accounts";
import { freePort, startAnvil } from "@/devnet/anvil";
import { devnetPortalEnv } from "@/devnet/portal-env";
import { deployDevnet, type Deployment } from "@/devnet/deploy";
import { seedClusters, seedDevnet } from "@/devnet/seed";
import { configuredChain } from "@/lib/chain/chains";
import { readChainState } from "@/lib/chain/cluster-state";
import { benchLocks } from "./locks";
import { benchPageWeight } from "./pages";
import { startRpcProxy } from "./rpc-proxy";
import { buildPortal, startPortal } from "./server";
import { median } from "./stats";
import { timedGet } from "./timed-get";

// --pages: the page-weight benchmark (./pages); else --one-per-block or --json: the scale
// benchmark (./scale); each with its own options.
const pagesRun = process.argv.includes("--pages");
const scaleRun = !pagesRun && (process.argv.includes("--one-per-block") || process.argv.includes("--json"));
const { values } = parseArgs({
  strict: !scaleRun,
  options: {
    clusters: { type: "string", default: "200" },
    runs: { type: "string" },
    "skip-build": { type: "boolean", default: false },
    only: { type: "string" },
    pages: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
if (values.only !== undefined && values.only !== "pages" && values.only !== "locks") throw new Error("--only takes pages or locks");
const run = (part: "pages" | "locks") => values.only === undefined || values.only === part;
const clusterCount = Number(values.clusters);
const warmRuns = Number(values.runs ?? 5);

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The reads a page would make without batching: one eth_call per cluster, bid and operator. */
async function naiveReads(client: PublicClient, auction: Address, clusterIds: Hex[], operator: Address) {
  for (const clusterId of clusterIds) {
    const details = await client.readContract({ address: auction, abi: auctionAbi, functionName: "getClusterDetails", args: [clusterId] });
    for (const node of details.nodes) {
      const bid = await client.readContract({ address: auction, abi: auctionAbi, functionName: "getBidDetails", args: [node.bidId] });
      await client.readContract({ address: auction, abi: auctionAbi, functionName: "getNodeOpDetails", args: [bid.nodeOp] });
    }
  }
  await client.readContract({ address: auction, abi: auctionAbi, functionName: "getNodeOpDetails", args: [operator] });
}

async function main() {
  await buildPortal(!values["skip-build"]);

  const anvil = await startAnvil();
  const proxy = await startRpcProxy(anvil.rpcUrl);
  const dbDir = await mkdtemp(join(tmpdir(), "portal-bench-"));
  let server: ChildProcess | undefined;
  try {
    const deployment = await deployDevnet(anvil.rpcUrl);
    const seedStart = performance.now();
    await seedDevnet(anvil.rpcUrl, deployment);
    // A quarter first; the run then grows the chain to four times as many (N) on the same server.
    const extra = run("pages") ? await seedClusters(anvil.rpcUrl, deployment, Math.max(0, Math.round(clusterCount / 4) - 4)) : [];
    console.log(`seeded ${extra.length + 4} clusters in ${ms(performance.now() - seedStart)}`);

    const portal = await startPortal(await freePort(), devnetPortalEnv(proxy.url, deployment, dbDir));
    server = portal.child;
    const base = portal.url;
    proxy.take();
    if (run("pages")) await benchPages(base, proxy, anvil.rpcUrl, deployment);
    if (run("locks")) await benchLocks({ base, rpcUrl: anvil.rpcUrl, deployment, serverPid: server.pid! });
  } finally {
    server?.kill("SIGTERM");
    await proxy.close();
    await anvil.stop();
    await rm(dbDir, { recursive: true, force: true });
  }
}

async function benchPages(base: string, proxy: Awaited<ReturnType<typeof startRpcProxy>>, rpcUrl: string, deployment: Deployment) {

    const operator = seededOperators[0].address;
    // The first request of a new server indexes every cluster from the deployment block.
    const indexStart = performance.now();
    const global = await (await fetch(`${base}/api/clusters?view=global`)).json();
    const indexTime = performance.now() - indexStart;
    const indexRpc = proxy.take();
    console.log(`first request, indexing ${global.total} clusters: ${ms(indexTime)}, ${indexRpc.total} RPC requests ${JSON.stringify(indexRpc.byMethod)}`);
    const firstConfigHash = global.rows[0].configHash as string;
    const pages = [
      { name: "dashboard (global)", path: "/?view=global" },
      { name: "dashboard (mine)", path: `/?view=mine&operator=${operator}` },
      { name: "cluster page", path: `/clusters/${firstConfigHash}` },
    ];

    const measurePages = async (clusters: number) => {
      console.log(`\nServer renders with ${clusters} clusters (cold = first request of the page, warm = median of ${warmRuns})`);
      console.log("page".padEnd(22), "cold".padStart(10), "warm".padStart(10), "RPC cold".padStart(9), "RPC warm".padStart(9), " warm RPC by method");
      for (const page of pages) {
        const cold = await timedGet(base + page.path);
        const coldRpc = proxy.take();
        const warm: number[] = [];
        const warmRpc: number[] = [];
        let byMethod = {};
        for (let i = 0; i < warmRuns; i++) {
          warm.push(await timedGet(base + page.path));
          const taken = proxy.take();
          warmRpc.push(taken.total);
          byMethod = taken.byMethod;
        }
        console.log(page.name.padEnd(22), ms(cold).padStart(10), ms(median(warm)).padStart(10), String(coldRpc.total).padStart(9), String(median(warmRpc)).padStart(9), "", JSON.stringify(byMethod));
      }
    };
    await measurePages(global.total);
    // Four times as many clusters on the same server: the index reads only the new blocks, and
    // the renders should ask the chain exactly as often as before.
    await seedClusters(rpcUrl, deployment, global.total * 3);
    const grown = await (await fetch(`${base}/api/clusters?view=global`)).json();
    const growRpc = proxy.take();
    console.log(`\nindexing ${grown.total - global.total} new clusters on the next request: ${growRpc.total} RPC requests ${JSON.stringify(growRpc.byMethod)}`);
    await measurePages(grown.total);

    // Batched (what the pages do) against naive, on the rows of one dashboard page.
    const client = createPublicClient({
      chain: configuredChain({ chainId: deployment.chainId, chainName: "bench", rpcUrl: proxy.url, explorerUrl: null }),
      transport: http(proxy.url),
      batch: { multicall: { wait: 0 } },
      cacheTime: 0,
    }) as PublicClient;
    const rows = global.rows as { clusterId: Hex }[];
    const clusterIds = rows.map((r) => r.clusterId);
    const compare = async (label: string, fn: () => Promise<unknown>) => {
      const times: number[] = [];
      let calls = 0;
      for (let i = 0; i < warmRuns; i++) {
        proxy.take();
        const start = performance.now();
        await fn();
        times.push(performance.now() - start);
        calls = proxy.take().total;
      }
      return { label, time: median(times), calls };
    };
    const details = await client.multicall({
      allowFailure: false,
      contracts: clusterIds.map((id) => ({ address: deployment.auction, abi: auctionAbi, functionName: "getClusterDetails", args: [id] }) as const),
    });
    const bidIds = details.flatMap((d) => d.nodes.map((n) => n.bidId));
    const batched = await compare("batched (pages)", () =>
      readChainState(client, deployment.auction, { clusterIds, bidIds, operators: [operator] }),
    );
    const naive = await compare("naive (per row)", () => naiveReads(client, deployment.auction, clusterIds, operator));
    console.log(`\nChain reads for one dashboard page (${clusterIds.length} rows), median of ${warmRuns}`);
    for (const r of [batched, naive]) console.log(r.label.padEnd(22), ms(r.time).padStart(10), `${r.calls} RPC requests`.padStart(18));
    console.log(
      `naive / batched: ${(naive.time / batched.time).toFixed(1)}x the time, ${(naive.calls / Math.max(1, batched.calls)).toFixed(0)}x the RPC requests`,
    );
}

if (pagesRun) await benchPageWeight({ runs: Number(values.runs ?? 9), build: !values["skip-build"], json: process.argv.includes("--json") });
else if (scaleRun) await import("./scale");
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
