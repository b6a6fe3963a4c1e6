// A first index that outlasts a request (thousands of clusters on a real chain) is the index
// catching up, not the node being down: pages and routes say so, with how far it has got, and
// the sync goes on until the index reaches the head. Real anvil, real PGlite, a node that answers
// every request in time but slowly enough that the whole sync takes longer than RPC_TIMEOUT_MS.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startRpcProxy } from "@/bench/rpc-proxy";
import { usePortalEnv } from "@/devnet/testing/portal-env";
import { startOwnChain, type OwnChain } from "@/devnet/testing/chain";

let devnet: OwnChain;
let proxy: Awaited<ReturnType<typeof startRpcProxy>>;
const timeoutMs = 1000;

beforeAll(async () => {
  devnet = await startOwnChain({ seed: true });
  const { deployment } = devnet;
  // Each log request answers well within its timeout; chunks of 2 blocks make the sync many of them.
  proxy = await startRpcProxy(devnet.rpcUrl, { delayMs: (call) => (call.method === "eth_getLogs" ? timeoutMs / 5 : 0) });
  usePortalEnv(proxy.url, deployment);
  process.env.RPC_TIMEOUT_MS = String(timeoutMs);
  process.env.LOG_CHUNK_SIZE = "2";
});

afterAll(async () => {
  await proxy?.close();
  await devnet?.stop();
});

it("says the index is catching up (blocks being read), not that the node is down, and answers once it has caught up", async () => {
  const { GET } = await import("@/app/api/clusters/route");
  const request = () => GET(new Request("http://portal.test/api/clusters?view=global"));

  const first = await request();
  expect(first.status).toBe(503);
  const { message } = (await first.json()) as { message: string };
  expect(message).toMatch(/^The portal is catching up with the chain \(indexing blocks \d+ to \d+\), so .+ Try again in \d+ seconds\.$/);
  expect(message).not.toMatch(/not answering/);

  const { dashboardQuerySchema, getStoredDashboard } = await import("./dashboard");
  const { StoredClusters } = await import("@/components/dashboard/stored-clusters");
  const stored = await getStoredDashboard(dashboardQuerySchema.parse({ view: "global" }));
  expect(stored.catchingUp).toMatchObject({ found: null });
  const page = renderToStaticMarkup(createElement(StoredClusters, { dashboard: stored, query: {} }));
  expect(page).toMatch(/The portal is catching up with the chain: indexing blocks #\d+ to #[\d,]+; nothing has been indexed yet\./);
  expect(page).not.toMatch(/not answering/);

  // The sync went on in the background: the route answers once it has reached the head.
  let answer = await request();
  for (let i = 0; answer.status === 503 && i < 120; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    answer = await request();
  }
  expect(answer.status).toBe(200);
  expect(((await answer.json()) as { total: number }).total).toBeGreaterThan(0);
}, 120_000);
