// An operator whose address is a contract wallet (ERC-1271) goes through the sync API: its
// owner's signatures are accepted when the handlers can ask the chain, refused otherwise.
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devKeys } from "@/devnet/accounts";
import { startAnvil, type Anvil } from "@/devnet/anvil";
import { deployContractWallet } from "@/devnet/testing/contract-wallet";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import type { Database } from "@/lib/db";
import { testDatabases } from "@/lib/db/testing";
import { enrTypedData, operatorConfigHashTypedData, TERMS_AND_CONDITIONS_HASH, termsAndConditionsTypedData } from "@/lib/obol/eip712";
import { buildEnr, testKey } from "@/lib/obol/testdata/enr-builder";
import { syncHandlers } from "./handlers";
import { clusterFixture, hoodiForkVersion, testCreator, testOperators } from "./testing";

const owner = privateKeyToAccount(devKeys[7]);
let anvil: Anvil;
let client: PublicClient;
let wallet: Address;
let db: Database;
let cluster: IndexedCluster;

beforeAll(async () => {
  anvil = await startAnvil();
  client = createPublicClient({ transport: http(anvil.rpcUrl), cacheTime: 0 }) as PublicClient;
  wallet = await deployContractWallet(anvil.rpcUrl, owner.address);
  db = await testDatabases()[0].open();
  cluster = clusterFixture({ ordinal: 1, operators: [wallet, ...testOperators.slice(1).map((a) => a.address)] });
});

afterAll(async () => {
  await db?.close();
  await anvil?.stop();
});

const handlers = (withChain: boolean) =>
  syncHandlers({
    db: async () => db,
    findCluster: async (hash) => (hash === cluster.configHash ? cluster : null),
    creator: () => testCreator,
    forkVersion: () => hoodiForkVersion,
    client: withChain ? () => client : undefined,
    clusterStatus: async () => ClusterStatus.IN_CREATION,
  });

const post = async (api: ReturnType<typeof handlers>) =>
  api.postTerms(
    new Request("http://portal.test/api/v1/termsAndConditions", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await owner.signTypedData(termsAndConditionsTypedData())}` },
      body: JSON.stringify({ address: wallet, version: 1, terms_and_conditions_hash: TERMS_AND_CONDITIONS_HASH, fork_version: hoodiForkVersion }),
    }),
  );

describe("a contract-wallet operator", () => {
  it("is refused when the portal cannot ask its wallet", async () => {
    expect((await post(handlers(false))).status).toBe(403);
  });

  it("accepts the terms and registers its node with its owner's signatures", async () => {
    const api = handlers(true);
    expect((await post(api)).status).toBe(201);
    const enr = buildEnr(testKey(90));
    const response = await api.putDefinition(
      new Request(`http://portal.test/api/v1/definition/${cluster.configHash}`, {
        method: "PUT",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${await owner.signTypedData(operatorConfigHashTypedData(cluster.configHash, hoodiForkVersion))}`,
        },
        body: JSON.stringify({
          enr,
          version: "v1.10.0",
          address: wallet,
          enr_signature: await owner.signTypedData(enrTypedData(enr, hoodiForkVersion)),
          fork_version: hoodiForkVersion,
        }),
      }),
      { params: Promise.resolve({ configHash: cluster.configHash }) },
    );
    expect(response.status).toBe(201);
    const definition = await response.json();
    expect(definition.operators[0]).toMatchObject({ address: wallet, enr });
  });
});
