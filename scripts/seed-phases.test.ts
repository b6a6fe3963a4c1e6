// seedPhases end to end: a real anvil (deployed, seeded), the portal's own route handlers behind a
// stand-in fetch (so the HTTP calls are the ones the dev server would get), the database in memory.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deployment } from "@/devnet/deploy";
import { seedPhases, type SeededCluster } from "./seed-phases";
import { usePortalEnv } from "@/devnet/testing/portal-env";
import { startOwnChain, type OwnChain } from "@/devnet/testing/chain";
import { pollStatuses, type StatusRound } from "@/lib/activity/watcher";
import { unfinishedClusters } from "@/lib/chain/indexed-clusters";
import { indexTarget } from "@/lib/clusters/index-target";

// Each route names its own parameters; the stand-in passes the pattern's named groups.
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
type Module = Partial<Record<"GET" | "POST" | "PUT", Handler>>;

let devnet: OwnChain;
let deployment: Deployment;
let portal: typeof fetch;
let seeded: SeededCluster[];

beforeAll(async () => {
  devnet = await startOwnChain({ seed: true });
  deployment = devnet.deployment;
  usePortalEnv(devnet.rpcUrl, deployment);
  const routes: [RegExp, Module][] = [
    [/^\/api\/clusters$/, await import("@/app/api/clusters/route")],
    [/^\/api\/clusters\/(?<configHash>[^/]+)$/, await import("@/app/api/clusters/[configHash]/route")],
    [/^\/api\/v1\/termsAndConditions$/, await import("@/app/api/v1/termsAndConditions/route")],
    [/^\/api\/v1\/definition\/(?<configHash>[^/]+)$/, await import("@/app/api/v1/definition/[configHash]/route")],
    [/^\/api\/v1\/lock$/, await import("@/app/api/v1/lock/route")],
    [/^\/api\/v1\/lock\/configHash\/(?<configHash>[^/]+)$/, await import("@/app/api/v1/lock/configHash/[configHash]/route")],
    [/^\/api\/clusters\/(?<configHash>[^/]+)\/activity$/, await import("@/app/api/clusters/[configHash]/activity/route")],
    [/^\/api\/clusters\/(?<configHash>[^/]+)\/feed\.atom$/, await import("@/app/api/clusters/[configHash]/feed.atom/route")],
    [/^\/api\/operators\/(?<address>[^/]+)\/feed\.atom$/, await import("@/app/api/operators/[address]/feed.atom/route")],
  ];
  portal = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    for (const [pattern, module] of routes) {
      const match = pattern.exec(path);
      const handler = match && module[request.method as keyof Module];
      if (handler) return handler(request, { params: Promise.resolve({ ...match.groups }) as Promise<never> });
    }
    return Response.json({ message: `no route for ${request.method} ${path}` }, { status: 404 });
  }) as typeof fetch;
  seeded = await seedPhases({ baseUrl: "http://portal.test", rpcUrl: devnet.rpcUrl, deployment, fetchImpl: portal });
}, 240_000);

afterAll(async () => {
  await devnet?.stop();
});

const view = async (configHash: Hex) => (await portal(`http://portal.test/api/clusters/${configHash}`)).json();

describe("seedPhases", () => {
  it("gives each phase a cluster, creating the two the seed lacks, and leaves the oldest untouched", async () => {
    expect(seeded.map((s) => s.phase)).toEqual(["waiting", "registering", "ready-for-dkg", "dkg-done", "deposited", "active"]);
    expect(seeded[0].name).toBe("Byzantine DV1");
    const phases = await Promise.all(seeded.map(async (s) => (await view(s.configHash)).sync.phase));
    expect(phases.map((p) => [p.label, p.registered])).toEqual([
      ["Waiting for operators (0/4)", 0],
      ["Waiting for operators (2/4)", 2],
      ["Ready for DKG", 4],
      ["DKG done", 4],
      ["Deposited", 4],
      ["Active", 4],
    ]);
  });

  it("publishes verified locks, and the vault's key is the lock's key", async () => {
    const [, , ready, dkgDone, deposited, active] = await Promise.all(seeded.map((s) => view(s.configHash)));
    expect(ready.lock).toBeNull();
    expect(dkgDone.lock.validators[0]).toMatchObject({ onChain: "not-set", beacon: { kind: "not-configured" } });
    for (const cluster of [deposited, active]) {
      expect(cluster.lock.validators[0].onChain).toBe("registered");
      expect(cluster.lock.validators[0].deposits).toHaveLength(2);
      expect(cluster.lock.validators[0].deposits.every((d: { toEigenPod: boolean }) => d.toEigenPod)).toBe(true);
    }
  });

  it("finds nothing left to do when run again without creating clusters", async () => {
    const again = await seedPhases({ baseUrl: "http://portal.test", rpcUrl: devnet.rpcUrl, deployment, fetchImpl: portal, createMissing: false });
    // Only the untouched cluster is still fresh: it becomes the next "waiting" one, and nothing is changed.
    expect(again).toEqual([{ phase: "waiting", configHash: seeded[0].configHash, name: "Byzantine DV1" }]);
  });
});

type Event = { id: string; kind: string; actor: string | null; at: string; blockNumber: string | null; txHash: string | null; title: string };

const atom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "entry" || name === "link" });

describe("activity of the seeded clusters", () => {
  it("reads the statuses of a bounded slice of clusters per round, each round going on where the last stopped", async () => {
    const target = await indexTarget();
    const unfinished = (await unfinishedClusters(target.db, target, 0, 1_000)).map((c) => c.ordinal);
    expect(unfinished.length).toBeGreaterThanOrEqual(3);
    const rounds: StatusRound[] = [];
    let after = 0;
    do {
      const round = await pollStatuses(target, { after, limit: 2 });
      rounds.push(round);
      after = round.next;
    } while (after !== 0 && rounds.length < 100);
    // Two a round, in ordinal order, every unfinished cluster once; then the next round starts over.
    expect(rounds.reduce((n, r) => n + r.read, 0)).toBe(unfinished.length);
    expect(Math.max(...rounds.map((r) => r.read))).toBe(2);
    expect(rounds.slice(0, -1).map((r) => r.next)).toEqual(unfinished.filter((_, i) => i % 2 === 1));
  });

  it("lists the Active cluster's whole history in order, newest first", async () => {
    // What the watcher does each round: the vault's writes become status events.
    await pollStatuses(await indexTarget());
    const active = seeded.find((s) => s.phase === "active")!;
    const operators: string[] = (await view(active.configHash)).operators.map((o: { address: string }) => o.address);
    const reply = await (await portal(`http://portal.test/api/clusters/${active.configHash}/activity`)).json();
    const newestFirst: Event[] = reply.events;
    expect(newestFirst.map((e) => Number(e.id))).toEqual(newestFirst.map((e) => Number(e.id)).sort((a, b) => b - a));
    expect(reply.total).toBe(newestFirst.length);
    const events = [...newestFirst].reverse();

    const steps = events.filter((e) => e.kind !== "terms-accepted");
    expect(steps.map((e) => e.kind)).toEqual([
      "cluster-created",
      "node-registered",
      "node-registered",
      "node-registered",
      "node-registered",
      "definition-complete",
      "lock-published",
      "status-deposited",
      "status-verified",
    ]);
    expect(steps.filter((e) => e.kind === "node-registered").map((e) => e.actor)).toEqual(operators);
    expect(steps[0].txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(steps[6].title).toBe("Lock published by charon (dkg --publish)");
    for (const status of steps.slice(7)) expect(Number(status.blockNumber)).toBeGreaterThan(Number(steps[0].blockNumber));
    // Each operator accepted the terms once, before it registered its node.
    for (const operator of operators) {
      const terms = events.findIndex((e) => e.kind === "terms-accepted" && e.actor === operator);
      expect(terms).toBeGreaterThanOrEqual(0);
      expect(events.filter((e) => e.kind === "terms-accepted" && e.actor === operator)).toHaveLength(1);
      expect(terms).toBeLessThan(events.findIndex((e) => e.kind === "node-registered" && e.actor === operator));
    }

    // Observing again adds nothing: events have natural keys.
    await pollStatuses(await indexTarget());
    expect((await (await portal(`http://portal.test/api/clusters/${active.configHash}/activity`)).json()).total).toBe(reply.total);
    const bad = await portal(`http://portal.test/api/clusters/${active.configHash}/activity?page=0`);
    expect(bad.status).toBe(400);
  });

  it("serves Atom feeds: the cluster's events, and the actions waiting on an operator", async () => {
    const ready = seeded.find((s) => s.phase === "ready-for-dkg")!;
    const clusterXml = await (await portal(`http://portal.test/api/clusters/${ready.configHash}/feed.atom`)).text();
    expect(XMLValidator.validate(clusterXml)).toBe(true);
    const clusterFeed = atom.parse(clusterXml).feed;
    expect(clusterFeed.title).toBe(`${ready.name} activity`);
    expect(clusterFeed.entry.at(-1).title).toBe(`${ready.name}: Cluster created on-chain by the auction`);

    const [operator] = (await view(ready.configHash)).operators.map((o: { address: string }) => o.address);
    const response = await portal(`http://portal.test/api/operators/${operator.toLowerCase()}/feed.atom`);
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = atom.parse(xml).feed;
    expect(feed.xmlns).toBe("http://www.w3.org/2005/Atom");
    for (const entry of feed.entry) expect(entry).toMatchObject({ id: expect.any(String), title: expect.any(String), updated: expect.any(String) });
    const action = feed.entry.find((e: { title: string }) => e.title === `Your action is required on ${ready.name}: Run the DKG`);
    // A host that is not local is served over https (lib/http/origin.ts).
    expect(action.link[0].href).toBe(`https://portal.test/clusters/${ready.configHash}`);
    // Its own registration on that cluster is among its events.
    expect(feed.entry.some((e: { title: string }) => e.title.startsWith(`${ready.name}: ${operator.slice(0, 6)}`) && e.title.endsWith("registered its node"))).toBe(true);
  });
});
