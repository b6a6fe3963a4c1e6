/**
 * The scale benchmark (`npm run bench -- --clusters N --one-per-block --json`): N clusters created
 * one per block, as on a real chain, then, against the production server behind a JSON-RPC
 * counting proxy: the first index (time, requests), each page's warm render time (p50, p95) and
 * requests per render, the server's peak memory, GET /api/clusters against a static file
 * with the same 8 clients, and the global dashboard's page as visitors get it (kept) against its
 * render. The last line of standard output is one JSON object of the figures.
 * Ports: --port (portal) and --anvil-port; free ones otherwise. --cpu-prof DIR: the server's CPU
 * profile for the run.
 *
 * Seeding thousands of clusters one per block takes longer than measuring them, so a seeded chain
 * can be kept: with --rpc-url (a node this run does not start or stop) and --chain FILE (the
 * deployment and the clusters seeded so far), a run seeds only what the chain lacks up to
 * --clusters and records it; --seed-only stops there. The same chain then grows from 1,000 to
 * 10,000 clusters and is measured at each size with a fresh portal.
 */
import { existsSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { seededOperators } from "@/devnet/accounts";
import { freePort, startAnvil } from "@/devnet/anvil";
import { devnetPortalEnv } from "@/devnet/portal-env";
import { deployDevnet, deploymentSchema } from "@/devnet/deploy";
import { seedDevnet } from "@/devnet/seed";
import { startRpcProxy } from "./rpc-proxy";
import { seedOnePerBlock } from "./seed-one-per-block";
import { buildPortal, residentMb, startPortal } from "./server";
import { percentile } from "./stats";

const { values } = parseArgs({
  options: {
    clusters: { type: "string", default: "1000" },
    runs: { type: "string", default: "20" },
    port: { type: "string" },
    "anvil-port": { type: "string" },
    "rpc-url": { type: "string" },
    chain: { type: "string" },
    "seed-only": { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
    clients: { type: "string", default: "8" },
    seconds: { type: "string", default: "5" },
    "skip-build": { type: "boolean", default: false },
    "one-per-block": { type: "boolean", default: true },
    json: { type: "boolean", default: true },
  },
});
const clusterCount = Number(values.clusters);
const runs = Number(values.runs);

const round = (x: number) => Math.round(x * 10) / 10;

/** A GET rendered for this request: fetch's "no-store" sends no-cache (lib/http/page-cache.ts). */
async function get(url: string): Promise<{ status: number; ms: number; body: string }> {
  const start = performance.now();
  const response = await fetch(url, { cache: "no-store" });
  const body = await response.text();
  return { status: response.status, ms: performance.now() - start, body };
}

/**
 * Requests per second `clients` concurrent clients get from `url` (answering `expectedStatus`) for
 * `seconds`; `headers` go with each request.
 */
async function throughput(url: string, clients: number, seconds: number, expectedStatus = 200, headers: Record<string, string> = {}): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        if (response.status !== expectedStatus) throw new Error(`${url} answered ${response.status}`);
        done += 1;
      }
    }),
  );
  return Math.round(done / seconds);
}

const chainSchema = z.object({ deployment: deploymentSchema, clusters: z.number().int().nonnegative() });

/** A kept chain (--chain) or a fresh deployment with the devnet's few clusters. */
async function deployedChain(rpcUrl: string): Promise<z.infer<typeof chainSchema>> {
  if (values.chain && existsSync(values.chain)) return chainSchema.parse(JSON.parse(await readFile(values.chain, "utf8")));
  const deployment = await deployDevnet(rpcUrl);
  await seedDevnet(rpcUrl, deployment);
  return { deployment, clusters: 4 };
}

async function main() {
  if (!values["seed-only"]) await buildPortal(!values["skip-build"]);
  if (values["rpc-url"] && !values.chain) throw new Error("--rpc-url needs --chain FILE (the deployment on that node)");
  // Thousands of blocks: past states stay in memory, a few hundred of them, never on disk.
  const anvil = values["rpc-url"]
    ? { rpcUrl: values["rpc-url"], stop: async () => {} }
    : await startAnvil({ port: values["anvil-port"] ? Number(values["anvil-port"]) : undefined, pruneHistory: 256 });
  const proxy = await startRpcProxy(anvil.rpcUrl);
  const dbDir = await mkdtemp(join(tmpdir(), "portal-scale-"));
  let server: Awaited<ReturnType<typeof startPortal>> | undefined;
  let peakMb = 0;
  const sampler = setInterval(() => {
    if (server) peakMb = Math.max(peakMb, residentMb(server.child.pid!));
  }, 100);
  try {
    const seedStart = performance.now();
    const chain = await deployedChain(anvil.rpcUrl);
    const { deployment } = chain;
    const seeded = chain.clusters;
    // Recorded after every round: a run stopped hours into seeding keeps what it seeded.
    const record = (clusters: number) => {
      if (values.chain) writeFileSync(values.chain, JSON.stringify({ deployment, clusters } satisfies z.infer<typeof chainSchema>));
    };
    record(seeded);
    await seedOnePerBlock(anvil.rpcUrl, deployment, Math.max(0, clusterCount - seeded), (done) => {
      record(done + seeded);
      if (done % 1000 < 50) console.log(`seeded ${done + seeded} clusters in ${Math.round(performance.now() - seedStart)} ms`);
    });
    const clusters = Math.max(clusterCount, seeded);
    console.log(`${clusters} clusters, ${clusters - seeded} of them seeded one per block in ${Math.round(performance.now() - seedStart)} ms`);
    if (values["seed-only"]) return;

    server = await startPortal(values.port ? Number(values.port) : await freePort(), devnetPortalEnv(proxy.url, deployment, dbDir), {
      cpuProfileDir: values["cpu-prof"],
    });
    const base = server.url;
    proxy.take();

    // A request answers from the last indexed state (503 for chain data) while the first index
    // takes longer than RPC_TIMEOUT_MS; the first index lasts until the first full answer.
    const indexStart = performance.now();
    let first = await get(`${base}/api/clusters?view=global`);
    while (first.status === 503 && performance.now() - indexStart < 600_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      first = await get(`${base}/api/clusters?view=global`);
    }
    first = { ...first, ms: performance.now() - indexStart };
    const indexRpc = proxy.take();
    console.log(`first index: ${first.status} in ${Math.round(first.ms)} ms, ${indexRpc.requests} requests, ${indexRpc.total} calls ${JSON.stringify(indexRpc.byMethod)}`);
    const firstIndex = { status: first.status, ms: Math.round(first.ms), rpc: indexRpc.requests, rpcCalls: indexRpc.total };
    const answer = first.status === 200 ? (JSON.parse(first.body) as { total: number; rows: { configHash: string }[] }) : undefined;
    const configHash = answer?.rows[0]?.configHash;

    const operator = seededOperators[0].address;
    const pagePaths = {
      dashboardGlobal: "/?view=global",
      dashboardMine: `/?view=mine&operator=${operator}`,
      cluster: `/clusters/${configHash}`,
      auction: "/auction",
    };
    const pages: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(pagePaths)) {
      const times: number[] = [];
      const rpc: number[] = [];
      let status = 200;
      // The first render is cold (its rows not yet read at this block); all count for requests.
      for (let i = 0; i <= runs; i++) {
        const render = await get(base + path);
        if (render.status !== 200) status = render.status;
        rpc.push(proxy.take().requests);
        if (i > 0) times.push(render.ms);
      }
      pages[name] = { status, p50: round(percentile(times, 0.5)), p95: round(percentile(times, 0.95)), rpcPerRender: Math.max(...rpc), rpcCold: rpc[0] };
      console.log(name, JSON.stringify(pages[name]));
    }

    const clients = Number(values.clients);
    const seconds = Number(values.seconds);
    const clustersRps = await throughput(`${base}/api/clusters?view=global`, clients, seconds);
    const staticRps = await throughput(`${base}/robots.txt`, clients, seconds);
    // Next's own cost of a route handler: the smallest route the portal has (an unknown /api path's JSON 404).
    const smallestRouteRps = await throughput(`${base}/api/no-such-route`, clients, seconds, 404);
    console.log(`GET /api/clusters ${clustersRps}/s, static file ${staticRps}/s, smallest API route ${smallestRouteRps}/s (${clients} clients)`);
    // The global dashboard as visitors get it (kept, lib/http/page-cache.ts) and rendered for each request (no-cache).
    const dashboardKeptRps = await throughput(`${base}/?view=global`, clients, seconds);
    const dashboardRenderedRps = await throughput(`${base}/?view=global`, clients, seconds, 200, { "cache-control": "no-cache" });
    console.log(`GET /?view=global kept for visitors ${dashboardKeptRps}/s, rendered each time ${dashboardRenderedRps}/s (${clients} clients)`);

    // The clusters the portal indexed: a kept chain may hold more than --clusters asked for.
    console.log(JSON.stringify({ clusters: answer?.total ?? clusters, firstIndex, pages, rssMb: Math.round(peakMb), api: { clustersRps, staticRps }, dashboardRps: { kept: dashboardKeptRps, rendered: dashboardRenderedRps } }));
  } finally {
    clearInterval(sampler);
    if (server && server.child.exitCode === null) {
      const exited = new Promise((resolve) => server!.child.once("exit", resolve));
      server.child.kill("SIGTERM");
      // A CPU profile (--cpu-prof DIR) is written as the server exits.
      await exited;
    }
    await proxy.close();
    await anvil.stop();
    await rm(dbDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
