// The vault admin command against a real anvil (deployed and seeded), with the portal's two
// answers served by a stand-in fetch; and the cluster page's on-chain pubkey check both ways.
import type { Address, Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auctionAbi } from "@/contracts-abi";
import { devnetClients, type Deployment } from "@/devnet/deploy";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import { onChainCheck } from "@/lib/locks/validators";
import { runTestDkg, type TestDkgResult } from "@/devnet/dkg";
import { signedTestCluster } from "@/devnet/dkg/fixture";
import { startOwnChain, type OwnChain } from "@/devnet/testing/chain";
import { runAdmin, type AdminCommand } from "./devnet-admin";

let devnet: OwnChain;
let deployment: Deployment;
let clusters: Hex[];
/** The strategy vault that created each cluster (ClusterCreated.vaultAddr), as the portal reports it. */
let vaults: Address[];
let dkg: TestDkgResult;
const portalUrl = "http://portal.test";
const configHashes = [1, 2, 3].map((n) => `0x${n.toString(16).padStart(64, "0")}` as Hex);
/** Which clusters the stand-in portal has a lock for. */
const locked = new Set<Hex>();

/** The running portal's two answers the command reads: the cluster view and the stored lock. */
const portalFetch = (async (input: string | URL | Request) => {
  const url = new URL(String(input));
  const [, api, kind, ...rest] = url.pathname.split("/");
  const hash = rest.at(-1) as Hex;
  const index = configHashes.indexOf(hash);
  if (api === "api" && kind === "clusters" && index >= 0) return Response.json({ clusterId: clusters[index], name: `Byzantine DV${index + 1}`, vault: vaults[index] });
  if (url.pathname.startsWith("/api/v1/lock/configHash/") && locked.has(hash)) return Response.json(dkg.json);
  return Response.json({ message: "not found" }, { status: 404 });
}) as typeof fetch;

const admin = (command: AdminCommand, configHash: Hex, rpcUrl = devnet.rpcUrl) =>
  runAdmin({ command, configHash, portalUrl, rpcUrl, deployment, fetchImpl: portalFetch });

const details = (clusterId: Hex) =>
  devnetClients(devnet.rpcUrl).publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getClusterDetails", args: [clusterId] });

beforeAll(async () => {
  devnet = await startOwnChain({ seed: true });
  deployment = devnet.deployment;
  clusters = devnet.seed!.clusters;
  const created = await devnetClients(devnet.rpcUrl).publicClient.getContractEvents({ address: deployment.auction, abi: auctionAbi, eventName: "ClusterCreated", fromBlock: 0n });
  vaults = clusters.map((id) => created.find((log) => log.args.clusterId === id)!.args.vaultAddr!);
  dkg = await runTestDkg({ ...(await signedTestCluster()), seed: "devnet admin" });
});
afterAll(async () => {
  await devnet?.stop();
});

describe("npm run devnet -- activate | verify | exit", () => {
  it("activates a cluster with its lock's key, then verifies and exits it; the page's check sees the key registered", async () => {
    const [hash] = configHashes;
    const pubkey = dkg.lock.distributed_validators[0].distributed_public_key as Hex;
    expect(onChainCheck(pubkey, null)).toBe("not-set");

    await expect(admin("activate", hash)).rejects.toThrow(/Byzantine DV1 has no lock yet: its operators run the DKG/);
    locked.add(hash);
    const activated = await admin("activate", hash);
    expect(activated).toMatchObject({ status: ClusterStatus.DEPOSITED, pubkey, clusterId: clusters[0] });
    // One transaction from the cluster's vault: status DEPOSITED and the key, as Byzantine's activateCluster.
    expect(activated.transactions).toHaveLength(1);
    const onChain = await details(clusters[0]);
    expect(onChain.status).toBe(ClusterStatus.DEPOSITED);
    expect(onChainCheck(pubkey, onChain.clusterPubKeyHash)).toBe("registered");

    await expect(admin("activate", hash)).rejects.toThrow(/Byzantine DV1 is DEPOSITED; "activate" moves a cluster from IN_CREATION to DEPOSITED/);
    expect((await admin("verify", hash)).status).toBe(ClusterStatus.VERIFIED);
    expect((await admin("exit", hash)).status).toBe(ClusterStatus.EXITED);
    const exited = await details(clusters[0]);
    expect(exited.status).toBe(ClusterStatus.EXITED);
    // The staker rewards spent the credits of the node with the fewest.
    expect(Math.min(...exited.nodes.map((n) => n.currentVCNumber))).toBe(0);
  });

  it("flags a key that is not the lock's: the page's check says mismatch", async () => {
    const [, hash] = configHashes;
    locked.add(hash);
    await admin("activate", hash);
    const other = await runTestDkg({ ...(await signedTestCluster()), seed: "another key" });
    const otherKey = other.lock.distributed_validators[0].distributed_public_key as Hex;
    expect(onChainCheck(otherKey, (await details(clusters[1])).clusterPubKeyHash)).toBe("mismatch");
  });

  it("explains an unknown cluster, a status out of order, and a chain or portal that is not running", async () => {
    await expect(admin("activate", `0x${"ee".repeat(32)}`)).rejects.toThrow(/No cluster has config hash 0x(ee){32} on this portal/);
    await expect(admin("verify", configHashes[2])).rejects.toThrow(/Byzantine DV3 is IN_CREATION; "verify" moves a cluster from DEPOSITED to VERIFIED/);
    await expect(admin("activate", configHashes[2], "http://127.0.0.1:1")).rejects.toThrow(/No chain answers at http:\/\/127.0.0.1:1: start the devnet/);
    await expect(
      runAdmin({ command: "activate", configHash: configHashes[2], portalUrl: "http://127.0.0.1:1", rpcUrl: devnet.rpcUrl, deployment }),
    ).rejects.toThrow(/No portal answers at http:\/\/127.0.0.1:1: start it with "npm run dev"/);
  });
});
