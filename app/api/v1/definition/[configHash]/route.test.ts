// The exported route handlers end to end on a real chain: anvil with the devnet contracts and
// seed, the portal's configuration pointing at it, the cluster index synced from its logs.
import type { Hex, LocalAccount } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededOperators } from "@/devnet/accounts";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import { definitionSchema } from "@/lib/obol/schema";
import { registrationRequest, termsRequest } from "@/lib/sync/testing";
import { verifyDefinition } from "@/lib/obol/verify";
import { usePortalEnv } from "@/devnet/testing/portal-env";
import { startOwnChain, type OwnChain } from "@/devnet/testing/chain";

type Route = typeof import("./route");
type TermsRoute = typeof import("../../termsAndConditions/route");

let devnet: OwnChain;
let route: Route;
let terms: TermsRoute;
let clusters: IndexedCluster[];
const forkVersion: Hex = "0x10000910";

beforeAll(async () => {
  devnet = await startOwnChain({ seed: true });
  const { deployment } = devnet;
  usePortalEnv(devnet.rpcUrl, deployment);
  route = await import("./route");
  terms = await import("../../termsAndConditions/route");
  const { syncedIndex } = await import("@/lib/clusters/index-target");
  const { listIndexedClusters } = await import("@/lib/chain/indexed-clusters");
  const index = await syncedIndex();
  clusters = (await listIndexedClusters(index.db, index, { limit: 10, offset: 0, sort: "oldest" })).clusters;
});

afterAll(async () => {
  await devnet?.stop();
});

const accountOf = (address: string) => seededOperators.find((a) => a.address === address) as LocalAccount;
const params = (configHash: string) => ({ params: Promise.resolve({ configHash }) });

async function register(cluster: IndexedCluster, account: LocalAccount, enrKey: number, signedHash: Hex = cluster.configHash) {
  return route.PUT(await registrationRequest("http://portal.test", { configHash: cluster.configHash, account, enrKey, forkVersion, signedHash }), params(cluster.configHash));
}

async function acceptTerms(account: LocalAccount) {
  expect((await terms.POST(await termsRequest("http://portal.test", account, forkVersion))).status).toBe(201);
}

describe("/api/v1/definition/{configHash} on the devnet", () => {
  it("serves each seeded cluster's definition under its indexed config hash, signed by the creator", async () => {
    expect(clusters).toHaveLength(4);
    for (const cluster of clusters) {
      const response = await route.GET(new Request(`http://portal.test/api/v1/definition/${cluster.configHash}`), params(cluster.configHash));
      expect(response.status).toBe(200);
      const def = definitionSchema.parse(await response.json());
      expect(def).toMatchObject({ name: cluster.name, config_hash: cluster.configHash, fork_version: forkVersion });
      expect(def.operators.map((o) => o.address)).toEqual(cluster.operators);
      expect(await verifyDefinition(def)).toMatchObject({ ok: true, complete: false, creator_signature: true });
    }
    const unknown = `0x${"00".repeat(32)}`;
    expect((await route.GET(new Request("http://portal.test/"), params(unknown))).status).toBe(404);
  });

  it("takes the four operators' concurrent registrations after their terms; the definition is then complete", async () => {
    const [first, third] = [clusters[0], clusters[2]];
    const operators = first.operators.map(accountOf);
    for (const account of operators) await acceptTerms(account);

    // Operator 1 sits in clusters 1 and 3: its signature for cluster 3 does not register it in cluster 1.
    const shared = operators.find((a) => third.operators.includes(a.address))!;
    expect((await register(first, shared, 200, third.configHash)).status).toBe(403);
    // Another operator's wallet cannot register for it either.
    const outsider = accountOf(third.operators.find((a) => !first.operators.includes(a))!);
    expect((await register(first, outsider, 201)).status).toBe(403);

    const responses = await Promise.all(operators.map((account, i) => register(first, account, 210 + i)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);

    const served = await route.GET(new Request(`http://portal.test/api/v1/definition/${first.configHash}`), params(first.configHash));
    const result = await verifyDefinition(definitionSchema.parse(await served.json()));
    expect(result).toMatchObject({ ok: true, complete: true, creator_signature: true, problems: [] });
    expect(result.operator_config_signatures).toEqual([true, true, true, true]);
    expect(result.enr_signatures).toEqual([true, true, true, true]);
  });
});
