// The chain is a dependency, not a precondition: with the node hung or stopped after indexing,
// stored data (definitions, locks) is served from the store and the last indexed state, and what
// needs the node answers 503 with Retry-After. Also: no registration on a cluster the chain has
// moved past creation without a lock published here. Real anvil, real PGlite, the exported routes.
import { createServer, connect, type Server, type Socket } from "node:net";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createPublicClient, http, type Hex, type LocalAccount } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededOperators } from "@/devnet/accounts";
import { freePort } from "@/devnet/anvil";
import type { SeedSummary } from "@/devnet/seed";
import { usePortalEnv } from "@/devnet/testing/portal-env";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import { formatInteger } from "@/lib/format/number";
import { runTestDkg } from "@/devnet/dkg";
import { startOwnChain, type OwnChain } from "@/devnet/testing/chain";
import { definitionSchema } from "@/lib/obol/schema";
import { registrationRequest, termsRequest } from "@/lib/sync/testing";
import { testKeyHex } from "@/lib/obol/testdata/enr-builder";

/**
 * The chain node as the portal reaches it: a TCP stand-in on its own port that forwards to anvil,
 * or accepts connections and never answers (`hang`), or is gone (`close`: connections refused).
 */
async function nodeStandIn(upstreamPort: number) {
  const port = await freePort();
  const open = new Set<Socket>();
  let hung = false;
  const server: Server = createServer((client) => {
    open.add(client);
    client.on("close", () => open.delete(client));
    client.on("error", () => client.destroy());
    if (hung) return;
    const upstream = connect(upstreamPort, "127.0.0.1");
    open.add(upstream);
    upstream.on("close", () => open.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const dropAll = () => open.forEach((socket) => socket.destroy());
  return {
    url: `http://127.0.0.1:${port}`,
    hang() {
      hung = true;
      dropAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}

type Routes = {
  definition: typeof import("@/app/api/v1/definition/[configHash]/route");
  terms: typeof import("@/app/api/v1/termsAndConditions/route");
  lock: typeof import("@/app/api/v1/lock/route");
  lockByConfigHash: typeof import("@/app/api/v1/lock/configHash/[configHash]/route");
  lockByHash: typeof import("@/app/api/v1/lock/[lockHash]/route");
  lockFile: typeof import("@/app/api/clusters/[configHash]/cluster-lock.json/route");
  clusters: typeof import("@/app/api/clusters/route");
  cluster: typeof import("@/app/api/clusters/[configHash]/route");
};

let devnet: OwnChain;
let node: Awaited<ReturnType<typeof nodeStandIn>>;
let routes: Routes;
let seed: SeedSummary;
let clusters: IndexedCluster[];
let lockHash: Hex;
let head: bigint;
const forkVersion: Hex = "0x10000910";
const portal = "http://portal.test";
const unknownHash = `0x${"ab".repeat(32)}` as Hex;

const accountOf = (address: string) => seededOperators.find((a) => a.address === address) as LocalAccount;
const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const byStatus = (status: number) => clusters.find((c) => c.clusterId === seed.statusClusters.find((s) => s.status === status)!.clusterId)!;

beforeAll(async () => {
  devnet = await startOwnChain({ seed: { statuses: true } });
  const { deployment } = devnet;
  seed = devnet.seed!;
  node = await nodeStandIn(Number(new URL(devnet.rpcUrl).port));
  usePortalEnv(node.url, deployment);
  // Short, so a hung node costs the test seconds; the default is 4000.
  process.env.RPC_TIMEOUT_MS = "1500";
  routes = {
    definition: await import("@/app/api/v1/definition/[configHash]/route"),
    terms: await import("@/app/api/v1/termsAndConditions/route"),
    lock: await import("@/app/api/v1/lock/route"),
    lockByConfigHash: await import("@/app/api/v1/lock/configHash/[configHash]/route"),
    lockByHash: await import("@/app/api/v1/lock/[lockHash]/route"),
    lockFile: await import("@/app/api/clusters/[configHash]/cluster-lock.json/route"),
    clusters: await import("@/app/api/clusters/route"),
    cluster: await import("@/app/api/clusters/[configHash]/route"),
  };
  const { syncedIndex } = await import("./index-target");
  const { listIndexedClusters } = await import("@/lib/chain/indexed-clusters");
  const index = await syncedIndex();
  clusters = (await listIndexedClusters(index.db, index, { limit: 10, offset: 0, sort: "oldest" })).clusters;
  expect(clusters).toHaveLength(seed.clusters.length);
  head = await createPublicClient({ transport: http(devnet.rpcUrl) }).getBlockNumber();
  for (const account of seededOperators) await acceptTerms(account);
});

afterAll(async () => {
  await node?.close();
  await devnet?.stop();
});

async function acceptTerms(account: LocalAccount) {
  expect((await routes.terms.POST(await termsRequest(portal, account, forkVersion))).status).toBe(201);
}

async function register(cluster: IndexedCluster, account: LocalAccount, enrKey: number) {
  return routes.definition.PUT(await registrationRequest(portal, { configHash: cluster.configHash, account, enrKey, forkVersion }), params({ configHash: cluster.configHash }));
}

const getDefinition = (configHash: Hex) => routes.definition.GET(new Request(`${portal}/api/v1/definition/${configHash}`), params({ configHash }));

describe("with the chain node answering", () => {
  it("refuses a registration on a cluster DEPOSITED on-chain without a lock here", async () => {
    const deposited = byStatus(ClusterStatus.DEPOSITED);
    const response = await register(deposited, accountOf(deposited.operators[0]), 50);
    expect(response.status).toBe(409);
    expect((await response.json()).message).toMatch(/is Deposited on-chain, not in creation, and no lock of it was published here/);
    expect(definitionSchema.parse(await (await getDefinition(deposited.configHash)).json()).operators[0].enr).toBe("");
  });

  it("registers a cluster's four nodes and stores the lock of its DKG", async () => {
    const [first] = clusters;
    const keys = [60, 61, 62, 63];
    const responses = await Promise.all(first.operators.map((address, i) => register(first, accountOf(address), keys[i])));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const definition = definitionSchema.parse(await (await getDefinition(first.configHash)).json());
    const { json } = await runTestDkg({ definition, operatorKeys: keys.map(testKeyHex), seed: "chain unavailable" });
    const published = await routes.lock.POST(new Request(`${portal}/api/v1/lock`, { method: "POST", body: JSON.stringify(json) }));
    expect(published.status).toBe(201);
    lockHash = (await published.json()).lock_hash;
  });
});

/** What must hold whenever the node does not answer, hung or stopped. */
function servesStoredDataOnly() {
  it("serves definitions and locks from the store", async () => {
    const [first, second] = clusters;
    const complete = await getDefinition(first.configHash);
    expect(complete.status).toBe(200);
    expect(definitionSchema.parse(await complete.json()).operators.every((o) => o.enr !== "")).toBe(true);
    expect((await getDefinition(second.configHash)).status).toBe(200);
    const byConfig = await routes.lockByConfigHash.GET(new Request(portal), params({ configHash: first.configHash }));
    expect(byConfig.status).toBe(200);
    expect((await byConfig.json()).lock_hash).toBe(lockHash);
    expect((await routes.lockByHash.GET(new Request(portal), params({ lockHash }))).status).toBe(200);
    expect((await routes.lockFile.GET(new Request(portal), params({ configHash: first.configHash }))).status).toBe(200);
  });

  const expectUnavailable = async (response: Response, message: RegExp) => {
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await response.json()).message).toMatch(message);
  };

  it("answers 503 with Retry-After for what needs the chain", async () => {
    await expectUnavailable(await routes.clusters.GET(new Request(`${portal}/api/clusters?view=global`)), /chain node is not answering/);
    await expectUnavailable(
      await routes.cluster.GET(new Request(portal), params({ configHash: clusters[1].configHash })),
      /chain node is not answering/,
    );
    // A new registration needs the cluster's status on-chain.
    const second = clusters[1];
    await expectUnavailable(await register(second, accountOf(second.operators[0]), 70), /chain node is not answering/);
  });

  it("renders pages from the store, saying the node is not answering and the block the data is as of", async () => {
    const { dashboardQuerySchema, getStoredDashboard } = await import("./dashboard");
    const { getStoredClusterView } = await import("./cluster-page");
    const { StoredClusters } = await import("@/components/dashboard/stored-clusters");
    const { StoredCluster } = await import("@/components/cluster/stored-cluster");
    const { Footer, LatestBlock } = await import("@/components/layout/footer");
    const notice = `The chain node is not answering; data as of block #${formatInteger(head)}`;

    const dashboard = await getStoredDashboard(dashboardQuerySchema.parse({ view: "global", sort: "oldest" }));
    expect(dashboard).toMatchObject({ asOfBlock: head, total: clusters.length });
    expect(dashboard.clusters.map((c) => c.configHash)).toEqual(clusters.map((c) => c.configHash));
    expect(renderToStaticMarkup(createElement(StoredClusters, { dashboard, query: {} }))).toContain(notice);

    const first = await getStoredClusterView(clusters[0].configHash);
    expect(first.cluster).toMatchObject({ name: clusters[0].name, hasLock: true });
    expect(first.cluster!.operators.every((o) => o.enr !== null)).toBe(true);
    const page = renderToStaticMarkup(createElement(StoredCluster, { view: first, configHash: clusters[0].configHash }));
    expect(page).toContain(notice);
    expect(page).toContain("cluster-lock.json");

    // The frame renders at once; its latest block streams in (the notice, from the store).
    const footer = renderToStaticMarkup(Footer()) + renderToStaticMarkup(await LatestBlock());
    expect(footer).toContain(notice);
    expect(footer).not.toContain(node.url);
  });

  it("cannot tell yet whether a config hash unknown to the index exists: 503, not 404", async () => {
    await expectUnavailable(await getDefinition(unknownHash), /cannot tell yet whether it exists/);
  });
}

describe("with the chain node hung (accepting connections, never answering)", () => {
  beforeAll(() => node.hang());
  servesStoredDataOnly();
});

describe("with the chain node stopped", () => {
  beforeAll(async () => {
    await node.close();
    await devnet.stop();
  });
  servesStoredDataOnly();
});
