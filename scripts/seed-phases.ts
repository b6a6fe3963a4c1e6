/**
 * Drives the devnet's fresh clusters into every phase through the running portal's HTTP API, with
 * the dev accounts' wallets, so `npm run dev` shows the whole life cycle (issue 6): one cluster
 * left waiting (0/4), one with 2/4 operators registered, one ready for the DKG, one with a test-DKG
 * lock published, one activated by the vault (DEPOSITED) and one VERIFIED (Active).
 */
import { concat, getAddress, isAddressEqual, keccak256, numberToHex, stringToHex, type Address, type Hex, type LocalAccount } from "viem";
import { z } from "zod";
import { devAccounts } from "../devnet/accounts";
import type { Deployment } from "../devnet/deploy";
import { writeNodeFolders } from "../devnet/nodes/node-folders";
import { seedClusters } from "../devnet/seed";
import { ClusterStatus } from "../lib/chain/cluster-state";
import { operatorEnr, runTestDkg } from "../devnet/dkg";
import {
  enrTypedData,
  operatorConfigHashTypedData,
  TERMS_AND_CONDITIONS_HASH,
  TERMS_AND_CONDITIONS_VERSION,
  termsAndConditionsTypedData,
} from "../lib/obol/eip712";
import { definitionSchema } from "../lib/obol/schema";
import { DEFINITION_VERSION } from "../lib/obol/version";
import { runAdmin } from "./devnet-admin";

/** The phases given out, in this order, to the fresh clusters in creation order. */
export const seededPhases = ["waiting", "registering", "ready-for-dkg", "dkg-done", "deposited", "active"] as const;
export type SeededPhase = (typeof seededPhases)[number];

export type SeedPhasesOptions = {
  /** The running portal, e.g. http://localhost:3000. */
  baseUrl: string;
  rpcUrl: string;
  deployment: Deployment;
  /** Create clusters (seedClusters) until every phase has one. Default true. */
  createMissing?: boolean;
  fetchImpl?: typeof fetch;
  /** Write each operator's charon node folder of every DKG here (devnet/nodes/node-folders.ts); none when omitted. */
  nodesDir?: string;
};

export type SeededCluster = { phase: SeededPhase; configHash: Hex; name: string };

const clusterView = z.object({
  configHash: z.string().transform((s) => s as Hex),
  name: z.string(),
  chainStatus: z.number(),
  operators: z.array(z.object({ address: z.string().transform((s) => getAddress(s)) })),
  sync: z.object({ phase: z.object({ key: z.string(), registered: z.number() }) }),
});
type ClusterView = z.output<typeof clusterView>;

const clusterList = z.object({ total: z.number(), rows: z.array(z.object({ configHash: z.string().transform((s) => s as Hex) })) });

/** The node key an operator's charon would hold for this cluster: fixed, so reseeding gives the same ENRs. */
export const nodeKey = (configHash: Hex, operatorIndex: number): Hex =>
  keccak256(concat([stringToHex("byzantine-portal/seed-phases"), configHash, numberToHex(operatorIndex, { size: 1 })]));

function walletOf(address: Address): LocalAccount {
  const account = devAccounts.find((a) => isAddressEqual(a.address, address));
  if (!account) throw new Error(`operator ${address} is not a dev account: seedPhases can only sign for the devnet's wallets`);
  return account;
}

export async function seedPhases({ baseUrl, rpcUrl, deployment, createMissing = true, fetchImpl = fetch, nodesDir }: SeedPhasesOptions): Promise<SeededCluster[]> {
  const base = baseUrl.replace(/\/+$/, "");
  async function call(method: "GET" | "POST" | "PUT", path: string, body?: unknown, signature?: Hex): Promise<unknown> {
    const response = await fetchImpl(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(signature ? { authorization: `Bearer ${signature}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const reply = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${(reply as { message?: string } | null)?.message ?? response.statusText}`);
    return reply;
  }

  /** Clusters no one has touched yet: in creation, nobody registered, oldest first. */
  async function freshClusters(): Promise<ClusterView[]> {
    const fresh: ClusterView[] = [];
    for (let page = 1; ; page++) {
      const list = clusterList.parse(await call("GET", `/api/clusters?view=global&sort=oldest&page=${page}`));
      const views = await Promise.all(list.rows.map(async (row) => clusterView.parse(await call("GET", `/api/clusters/${row.configHash}`))));
      fresh.push(...views.filter((v) => v.chainStatus === ClusterStatus.IN_CREATION && v.sync.phase.key === "waiting-for-operators" && v.sync.phase.registered === 0));
      if (list.rows.length === 0 || fresh.length >= seededPhases.length || page * 25 >= list.total) return fresh;
    }
  }

  let clusters = await freshClusters();
  if (createMissing && clusters.length < seededPhases.length) {
    await seedClusters(rpcUrl, deployment, seededPhases.length - clusters.length);
    clusters = await freshClusters();
  }

  const accepted = new Set<Address>();
  async function acceptTerms(wallet: LocalAccount) {
    if (accepted.has(wallet.address)) return;
    const body = { address: wallet.address, version: Number(TERMS_AND_CONDITIONS_VERSION), terms_and_conditions_hash: TERMS_AND_CONDITIONS_HASH };
    await call("POST", "/api/v1/termsAndConditions", body, await wallet.signTypedData(termsAndConditionsTypedData()));
    accepted.add(wallet.address);
  }

  async function register(cluster: ClusterView, count: number) {
    const forkVersion = definitionSchema.parse(await call("GET", `/api/v1/definition/${cluster.configHash}`)).fork_version;
    for (const [i, { address }] of cluster.operators.slice(0, count).entries()) {
      const wallet = walletOf(address);
      await acceptTerms(wallet);
      const enr = operatorEnr(nodeKey(cluster.configHash, i));
      const body = { enr, version: DEFINITION_VERSION, address, enr_signature: await wallet.signTypedData(enrTypedData(enr, forkVersion)), fork_version: forkVersion };
      await call("PUT", `/api/v1/definition/${cluster.configHash}`, body, await wallet.signTypedData(operatorConfigHashTypedData(cluster.configHash, forkVersion)));
    }
  }

  async function publishLock(cluster: ClusterView) {
    const definition = definitionSchema.parse(await call("GET", `/api/v1/definition/${cluster.configHash}`));
    const operatorKeys = cluster.operators.map((_, i) => nodeKey(cluster.configHash, i));
    const dkg = await runTestDkg({ definition, operatorKeys, seed: cluster.configHash });
    if (nodesDir) await writeNodeFolders(nodesDir, dkg, operatorKeys);
    await call("POST", "/api/v1/lock", dkg.json);
  }

  const admin = (command: "activate" | "verify", cluster: ClusterView) =>
    runAdmin({ command, configHash: cluster.configHash, portalUrl: base, rpcUrl, deployment, fetchImpl });

  const seeded: SeededCluster[] = [];
  for (const [n, phase] of seededPhases.entries()) {
    const cluster = clusters[n];
    if (!cluster) break;
    const total = cluster.operators.length;
    if (phase === "registering") await register(cluster, Math.floor(total / 2));
    if (phase !== "waiting" && phase !== "registering") await register(cluster, total);
    if (phase === "dkg-done" || phase === "deposited" || phase === "active") await publishLock(cluster);
    if (phase === "deposited" || phase === "active") await admin("activate", cluster);
    if (phase === "active") await admin("verify", cluster);
    seeded.push({ phase, configHash: cluster.configHash, name: cluster.name });
  }
  return seeded;
}
