// seedPhases end to end: a real anvil (deployed, seeded), the portal's own route handlers behind a
// stand-in fetch (so the HTTP calls are the ones the dev server would get), the database in memory.
import type { Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAnvil, type Anvil } from "@/devnet/anvil";
import { deployDevnet, type Deployment } from "@/devnet/deploy";
import { seedDevnet } from "@/devnet/seed";
import { seedPhases, type SeededCluster } from "./seed-phases";
import { usePortalEnv } from "@/devnet/testing/portal-env";

type Handler = (request: Request, context: { params: Promise<{ configHash: string }> }) => Promise<Response>;
type Module = Partial<Record<"GET" | "POST" | "PUT", Handler>>;

let anvil: Anvil;
let deployment: Deployment;
let portal: typeof fetch;
let seeded: SeededCluster[];

beforeAll(async () => {
  anvil = await startAnvil();
  deployment = await deployDevnet(anvil.rpcUrl);
  await seedDevnet(anvil.rpcUrl, deployment);
  usePortalEnv(anvil.rpcUrl, deployment);
  const routes: [RegExp, Module][] = [
    [/^\/api\/clusters$/, await import("@/app/api/clusters/route")],
    [/^\/api\/clusters\/(?<configHash>[^/]+)$/, await import("@/app/api/clusters/[configHash]/route")],
    [/^\/api\/v1\/termsAndConditions$/, await import("@/app/api/v1/termsAndConditions/route")],
    [/^\/api\/v1\/definition\/(?<configHash>[^/]+)$/, await import("@/app/api/v1/definition/[configHash]/route")],
    [/^\/api\/v1\/lock$/, await import("@/app/api/v1/lock/route")],
    [/^\/api\/v1\/lock\/configHash\/(?<configHash>[^/]+)$/, await import("@/app/api/v1/lock/configHash/[configHash]/route")],
  ];
  portal = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    for (const [pattern, module] of routes) {
      const match = pattern.exec(path);
      const handler = match && module[request.method as keyof Module];
      if (handler) return handler(request, { params: Promise.resolve({ configHash: match.groups?.configHash ?? "" }) });
    }
    return Response.json({ message: `no route for ${request.method} ${path}` }, { status: 404 });
  }) as typeof fetch;
  seeded = await seedPhases({ baseUrl: "http://portal.test", rpcUrl: anvil.rpcUrl, deployment, fetchImpl: portal });
}, 240_000);

afterAll(async () => {
  await anvil?.stop();
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
    const again = await seedPhases({ baseUrl: "http://portal.test", rpcUrl: anvil.rpcUrl, deployment, fetchImpl: portal, createMissing: false });
    // Only the untouched cluster is still fresh: it becomes the next "waiting" one, and nothing is changed.
    expect(again).toEqual([{ phase: "waiting", configHash: seeded[0].configHash, name: "Byzantine DV1" }]);
  });
});
