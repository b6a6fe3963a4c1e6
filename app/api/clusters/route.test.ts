// GET /api/clusters and /api/clusters/{configHash} on the shared seeded chain (read-only: the
// cluster index lives in this file's in-memory database, not on the chain).
import { beforeAll, describe, expect, it } from "vitest";
import { seededOperators } from "@/devnet/accounts";
import { testChain } from "@/devnet/testing/chain";
import { usePortalEnv } from "@/devnet/testing/portal-env";

type ListRoute = typeof import("./route");
type ClusterRoute = typeof import("./[configHash]/route");

let list: ListRoute;
let one: ClusterRoute;
const chain = testChain();

beforeAll(async () => {
  usePortalEnv(chain.rpcUrl, chain.deployment);
  list = await import("./route");
  one = await import("./[configHash]/route");
});

const get = (query: string) => list.GET(new Request(`http://portal.test/api/clusters${query}`));
const getOne = (configHash: string) => one.GET(new Request(`http://portal.test/api/clusters/${configHash}`), { params: Promise.resolve({ configHash }) });

describe("GET /api/clusters", () => {
  it("lists every seeded cluster, newest first, with the dashboard's columns", async () => {
    const response = await get("?view=global");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ view: "global", operator: null, page: 1, total: chain.seed.clusters.length, account: null });
    expect(body.rows.map((r: { clusterId: string }) => r.clusterId)).toEqual([...chain.seed.clusters].reverse());
    expect(body.rows[0]).toEqual({
      clusterId: chain.seed.clusters.at(-1),
      configHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      name: `Byzantine DV${chain.seed.clusters.length}`,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      validators: 1,
      operators: 4,
      chainStatus: 1,
      status: "Waiting for operators (0/4)",
      myDays: null,
      myVcs: null,
      shortestDays: expect.any(Number),
      longestDays: expect.any(Number),
      isMine: false,
      actionRequired: false,
    });
    expect(body.stamp).toMatch(/^[\w-]{16}$/);
  });

  it("shows an operator's clusters and account when asked for theirs", async () => {
    const operator = seededOperators[0].address;
    const body = await (await get(`?view=mine&operator=${operator.toLowerCase()}`)).json();
    expect(body.operator).toBe(operator);
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows.length).toBeLessThan(chain.seed.clusters.length);
    for (const row of body.rows) expect(row).toMatchObject({ isMine: true, actionRequired: true, myDays: expect.any(Number) });
    expect(body.account).toMatchObject({ address: operator, clusters: body.rows.length, waitingOnMe: body.rows.length, validators: body.rows.length, whitelisted: true });
    expect(body.account.vcsHeld).toBe(body.rows.reduce((n: number, r: { myVcs: number }) => n + r.myVcs, 0));

    const outsider = await (await get(`?view=mine&operator=${seededOperators[11].address}`)).json();
    expect(outsider.rows).toEqual([]);
  });

  it("answers 400 naming each bad parameter", async () => {
    const response = await get("?view=everything&operator=0x12&page=0");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["operator", "page", "view"]);
    expect(body.message).toMatch(/^The request is invalid: /);
    expect(body.message).toContain("operator: expected a 0x-prefixed 20-byte address");
  });
});

describe("GET /api/clusters/{configHash}", () => {
  it("returns what the cluster page shows", async () => {
    const { rows } = await (await get("?view=global&sort=oldest")).json();
    const response = await getOne(rows[0].configHash);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ clusterId: chain.seed.clusters[0], name: "Byzantine DV1", chainStatus: 1, clusterPubKeyHash: null, lock: null });
    expect(body.operators).toHaveLength(4);
    expect(body.operators[0]).toMatchObject({ reputation: expect.any(Number), durationDays: expect.any(Number), bidPriceWei: expect.stringMatching(/^\d+$/) });
    expect(body.sync.phase.label).toBe("Waiting for operators (0/4)");
  });

  it("answers 400 for a malformed hash and 404 for an unknown one", async () => {
    const malformed = await getOne("0x1234");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).message).toBe("The request is invalid: configHash: expected a 0x-prefixed 32-byte config hash.");
    const unknown = await getOne(`0x${"ab".repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toBe(`No cluster has the config hash 0x${"ab".repeat(32)}.`);
  });
});
