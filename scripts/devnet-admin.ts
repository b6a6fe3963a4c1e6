/**
 * `npm run devnet -- <activate|verify|exit> 0x<configHash>`: what Byzantine's vault admin does
 * on-chain, on the local devnet, so every cluster status can be shown (docs/obol.md, synchronization step 5).
 * `npm run devnet -- exit-sign 0x<configHash> --operator N`: what that operator's charon node does
 * for `charon exit sign` (devnet/charon/exit-sign.ts).
 *
 * The running dev portal is asked for the cluster (its clusterId) and the stored lock over HTTP,
 * because its embedded database is held open by the Next process; the devnet admin (dev account 0)
 * then sends what Byzantine's contracts would: the cluster's strategy vault activates or verifies it, the
 * staker rewards spend its validation credits (exit).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createPublicClient, createWalletClient, getAddress, http, isAddress, isHex, type Hex } from "viem";
import { z } from "zod";
import { auctionAbi, stakerRewardsAbi, vaultAbi } from "../contracts-abi";
import { deployer } from "../devnet/accounts";
import { DEVNET_NODES_DIR, runExitSign } from "../devnet/charon/exit-sign";
import { deploymentSchema, type Deployment } from "../devnet/deploy";
import { ClusterStatus } from "../lib/chain/cluster-state";
import { onChainCheck } from "../lib/locks/validators";
import { lockSchema } from "../lib/obol/schema";

export const adminCommands = ["activate", "verify", "exit"] as const;
export type AdminCommand = (typeof adminCommands)[number];

/** A refusal worth one line on the terminal, not a stack trace. */
export class AdminError extends Error {
  name = "AdminError";
}

const statusNames = Object.fromEntries(Object.entries(ClusterStatus).map(([name, value]) => [value, name])) as Record<number, string>;

/** What each command moves the cluster to, and from which statuses that makes sense. */
const transitions: Record<AdminCommand, { to: number; from: readonly number[] }> = {
  activate: { to: ClusterStatus.DEPOSITED, from: [ClusterStatus.IN_CREATION] },
  verify: { to: ClusterStatus.VERIFIED, from: [ClusterStatus.DEPOSITED] },
  exit: { to: ClusterStatus.EXITED, from: [ClusterStatus.DEPOSITED, ClusterStatus.VERIFIED] },
};

const clusterReply = z.object({
  clusterId: z.string().refine(isHex).transform((s) => s as Hex),
  name: z.string(),
  /** The strategy vault whose deposit created the cluster: only it may write the cluster's key and status. */
  vault: z.string().refine((s) => isAddress(s)).transform((s) => getAddress(s)),
});

export type AdminOptions = {
  command: AdminCommand;
  configHash: Hex;
  /** The running portal, e.g. http://localhost:3000. */
  portalUrl: string;
  rpcUrl: string;
  deployment: Deployment;
  fetchImpl?: typeof fetch;
};

export type AdminResult = { name: string; clusterId: Hex; status: number; pubkey: Hex | null; transactions: Hex[] };

/** Reads from the running portal; a missing portal or resource is an AdminError saying what to do. */
function portal(baseUrl: string, fetchImpl: typeof fetch) {
  const base = baseUrl.replace(/\/+$/, "");
  return async (path: string, notFound: string): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, { cache: "no-store" });
    } catch {
      throw new AdminError(`No portal answers at ${base}: start it with "npm run dev" (or pass --portal <url>).`);
    }
    if (response.status === 404) throw new AdminError(notFound);
    if (!response.ok) {
      const reply = (await response.json().catch(() => null)) as { message?: string } | null;
      throw new AdminError(`The portal answered ${response.status} for ${path}: ${reply?.message ?? response.statusText}`);
    }
    return response.json();
  };
}

export async function runAdmin({ command, configHash, portalUrl, rpcUrl, deployment, fetchImpl = fetch }: AdminOptions): Promise<AdminResult> {
  const transport = http(rpcUrl);
  const client = createPublicClient({ transport, cacheTime: 0, pollingInterval: 50 });
  const wallet = createWalletClient({ account: deployer, transport });

  try {
    await client.getChainId();
  } catch {
    throw new AdminError(`No chain answers at ${rpcUrl}: start the devnet with "npm run dev" (or pass --rpc <url>).`);
  }
  if (!(await client.getCode({ address: deployment.vault }))) {
    throw new AdminError(`No strategy vault manager at ${deployment.vault} on ${rpcUrl}: the deployment file is from another devnet run; restart "npm run dev".`);
  }

  const get = portal(portalUrl, fetchImpl);
  const cluster = clusterReply.parse(await get(`/api/clusters/${configHash}`, `No cluster has config hash ${configHash} on this portal: copy it from the cluster page's URL.`));
  const read = () => client.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getClusterDetails", args: [cluster.clusterId] });
  const before = await read();
  const { to, from } = transitions[command];
  if (!from.includes(before.status)) {
    throw new AdminError(
      `${cluster.name} is ${statusNames[before.status]}; "${command}" moves a cluster from ${from.map((s) => statusNames[s]).join(" or ")} to ${statusNames[to]}.`,
    );
  }

  let pubkey: Hex | null = null;
  const transactions: Hex[] = [];
  const send = async (request: Parameters<typeof wallet.writeContract>[0]) => {
    const hash = await wallet.writeContract(request);
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new AdminError(`Transaction ${hash} reverted.`);
    transactions.push(hash);
  };

  // As Byzantine's system does it: the cluster's vault activates (DEPOSITED, then the key) and
  // verifies; the staker rewards spend validation credits, and a node out of credits exits the cluster.
  if (command === "activate") {
    const lock = lockSchema.parse(
      await get(`/api/v1/lock/configHash/${configHash}`, `${cluster.name} has no lock yet: its operators run the DKG (charon dkg --publish) or upload cluster-lock.json first.`),
    );
    pubkey = lock.distributed_validators[0]?.distributed_public_key as Hex;
    if (!pubkey) throw new AdminError(`${cluster.name}'s lock has no distributed validator.`);
    await send({ address: cluster.vault, abi: vaultAbi, functionName: "activateCluster", args: [pubkey, cluster.clusterId], chain: null });
  } else if (command === "verify") {
    await send({ address: cluster.vault, abi: vaultAbi, functionName: "verifyWithdrawalCredentials", args: [cluster.clusterId], chain: null });
  } else {
    const credits = Math.min(...before.nodes.map((node) => node.currentVCNumber));
    await send({ address: deployment.stakerRewards, abi: stakerRewardsAbi, functionName: "consumeVCs", args: [cluster.clusterId, credits], chain: null });
  }

  const after = await read();
  if (pubkey && onChainCheck(pubkey, after.clusterPubKeyHash) !== "registered") {
    throw new AdminError(`The auction's clusterPubKeyHash ${after.clusterPubKeyHash} is not the lock's key after setClusterPubKey.`);
  }
  return { name: cluster.name, clusterId: cluster.clusterId, status: after.status, pubkey, transactions };
}

/** Reads the deployment `npm run dev` wrote. */
export async function readDeployment(path = ".devnet/deployment.json"): Promise<Deployment> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new AdminError(`No ${path}: start the devnet with "npm run dev" first.`);
  }
  return deploymentSchema.parse(JSON.parse(text));
}

const usage = `usage: npm run devnet -- <activate|verify|exit> 0x<configHash> [--portal http://localhost:3000] [--rpc http://127.0.0.1:8545] [--deployment .devnet/deployment.json]
  activate  set the cluster's public key from its published lock, status DEPOSITED
  verify    status VERIFIED (the validator is active)
  exit      status EXITED (the staker rewards spend the validation credits of its node with the fewest)
       npm run devnet -- exit-sign 0x<configHash> --operator <share index> [--epoch N] [--validator-index N] [--portal …] [--nodes ${DEVNET_NODES_DIR}]
  exit-sign as that operator's charon node (exit sign): sign the validator's exit and post it to the portal`;

function parseArgs(argv: string[]) {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith("--")) flags.set(argv[i].slice(2), argv[++i] ?? "");
    else positional.push(argv[i]);
  }
  const [command, configHash] = positional;
  if (command !== "exit-sign" && !adminCommands.includes(command as AdminCommand)) throw new AdminError(usage);
  if (!configHash || !isHex(configHash) || configHash.length !== 66) throw new AdminError(`expected a 0x-prefixed 32-byte config hash\n${usage}`);
  const uint = (name: string) => {
    const value = flags.get(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new AdminError(`--${name} takes a non-negative integer\n${usage}`);
    return BigInt(value);
  };
  return {
    command: command as AdminCommand | "exit-sign",
    operator: Number(uint("operator") ?? 0),
    epoch: uint("epoch"),
    validatorIndex: uint("validator-index"),
    nodesDir: flags.get("nodes") ?? DEVNET_NODES_DIR,
    configHash: configHash.toLowerCase() as Hex,
    portalUrl: flags.get("portal") ?? process.env.PORTAL_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
    rpcUrl: flags.get("rpc") ?? process.env.RPC_URL ?? `http://127.0.0.1:${process.env.ANVIL_PORT ?? 8545}`,
    deploymentPath: flags.get("deployment") ?? ".devnet/deployment.json",
  };
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === "exit-sign") {
      if (args.operator < 1) throw new AdminError(`exit-sign needs --operator <share index> (1 for the cluster's first operator)\n${usage}`);
      const signed = await runExitSign({ ...args, operator: args.operator }).catch((error: unknown) => {
        throw new AdminError(error instanceof Error ? error.message : String(error));
      });
      for (const e of signed.exits) console.log(`operator ${args.operator}: exit of ${e.public_key} at epoch ${e.signed_exit_message.message.epoch}, validator index ${e.signed_exit_message.message.validator_index}`);
      console.log(`POST ${signed.url}: ${signed.status} ${signed.message}`);
      return 0;
    }
    const result = await runAdmin({ ...args, command: args.command, deployment: await readDeployment(args.deploymentPath) });
    if (result.pubkey) console.log(`${result.name}: public key ${result.pubkey} set on-chain`);
    console.log(`${result.name}: status ${statusNames[result.status]} (${result.transactions.length} transaction${result.transactions.length === 1 ? "" : "s"})`);
    return 0;
  } catch (error) {
    console.error(error instanceof AdminError ? error.message : error);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
