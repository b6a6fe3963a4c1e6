// An operator whose address is a contract wallet (ERC-1271) goes through the sync API: its
// owner's signatures are accepted when the handlers can ask the chain, refused otherwise; a 2-of-3
// multisig's concatenated owner signatures likewise, when two owners signed.
import type { Address, Hex, LocalAccount, PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devKeys } from "@/devnet/accounts";
import type { Anvil } from "@/devnet/anvil";
import { deployMultisigWallet, multisigSignature, startContractWalletChain } from "@/devnet/testing/contract-wallet";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import { suiteDatabase, testDatabases } from "@/lib/db/testing";
import { enrTypedData, operatorConfigHashTypedData, TERMS_AND_CONDITIONS_HASH, termsAndConditionsTypedData } from "@/lib/obol/eip712";
import { buildEnr, testKey } from "@/lib/obol/testdata/enr-builder";
import { syncHandlers } from "./handlers";
import { clusterFixture, hoodiForkVersion, testCreator, testOperators } from "./testing";

const owner = privateKeyToAccount(devKeys[7]);
const multisigOwners = [devKeys[8], devKeys[9], devKeys[10]].map((key) => privateKeyToAccount(key));
let anvil: Anvil;
let client: PublicClient;
let wallet: Address;
let multisig: Address;
const db = suiteDatabase(testDatabases()[0]);
let cluster: IndexedCluster;

beforeAll(async () => {
  ({ anvil, client, wallet } = await startContractWalletChain(owner.address));
  multisig = await deployMultisigWallet(anvil.rpcUrl, multisigOwners.map((o) => o.address), 2);
  cluster = clusterFixture({ ordinal: 1, operators: [wallet, multisig, ...testOperators.slice(2).map((a) => a.address)] });
});

afterAll(async () => {
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

/** How a contract wallet's owners sign typed data for it: one owner, or several concatenated. */
type WalletSigner = (typedData: Parameters<LocalAccount["signTypedData"]>[0]) => Promise<Hex>;
const byOwner: WalletSigner = (typedData) => owner.signTypedData(typedData);
const byMultisigOwners =
  (signers: readonly LocalAccount[]): WalletSigner =>
  (typedData) =>
    multisigSignature(signers, (signer) => signer.signTypedData(typedData));

const post = async (api: ReturnType<typeof handlers>, address = wallet, sign = byOwner) =>
  api.postTerms(
    new Request("http://portal.test/api/v1/termsAndConditions", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await sign(termsAndConditionsTypedData())}` },
      body: JSON.stringify({ address, version: 1, terms_and_conditions_hash: TERMS_AND_CONDITIONS_HASH, fork_version: hoodiForkVersion }),
    }),
  );

const register = async (api: ReturnType<typeof handlers>, address: Address, sign: WalletSigner, enrKey: number) => {
  const enr = buildEnr(testKey(enrKey));
  return api.putDefinition(
    new Request(`http://portal.test/api/v1/definition/${cluster.configHash}`, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await sign(operatorConfigHashTypedData(cluster.configHash, hoodiForkVersion))}`,
      },
      body: JSON.stringify({
        enr,
        version: "v1.10.0",
        address,
        enr_signature: await sign(enrTypedData(enr, hoodiForkVersion)),
        fork_version: hoodiForkVersion,
      }),
    }),
    { params: Promise.resolve({ configHash: cluster.configHash }) },
  );
};

describe("a contract-wallet operator", () => {
  it("is refused when the portal cannot ask its wallet", async () => {
    expect((await post(handlers(false))).status).toBe(403);
  });

  it("accepts the terms and registers its node with its owner's signatures", async () => {
    const api = handlers(true);
    expect((await post(api)).status).toBe(201);
    const response = await register(api, wallet, byOwner, 90);
    expect(response.status).toBe(201);
    const definition = await response.json();
    expect(definition.operators[0]).toMatchObject({ address: wallet, enr: buildEnr(testKey(90)) });
  });
});

describe("a 2-of-3 multisig operator", () => {
  const [first, second] = multisigOwners;

  it("is refused with one owner's signature", async () => {
    const api = handlers(true);
    const terms = await post(api, multisig, byMultisigOwners([first]));
    expect(terms.status).toBe(403);
    expect((await terms.json()).message).toMatch(/is not 0x[0-9a-fA-F]{40}'s signature of the terms/);
  });

  it("accepts the terms with two owners' concatenated signatures", async () => {
    const api = handlers(true);
    expect((await post(api, multisig, byMultisigOwners([second, first]))).status).toBe(201);
  });

  it("cannot register a node with them: charon's definition holds 65-byte signatures, so nothing is stored", async () => {
    const api = handlers(true);
    const response = await register(api, multisig, byMultisigOwners([first, second]), 91);
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/charon's cluster definition holds no longer one/);
    const served = await api.getDefinition(new Request("http://portal.test/"), { params: Promise.resolve({ configHash: cluster.configHash }) });
    expect((await served.json()).operators[1]).toMatchObject({ address: multisig, enr: "" });
  });
});
