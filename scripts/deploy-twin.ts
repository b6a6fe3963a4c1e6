/**
 * `npm run deploy:twin -- --rpc <url> [--whitelist 0xA,0xB] [--chain-name <name>]`: deploys the
 * devnet twin of Byzantine's auction (devnet/deploy.ts) to any JSON-RPC node and prints the
 * variables that point the portal at it with NETWORK=custom (README, "An existing deployment").
 *
 * The deployer is DEPLOYER_PRIVATE_KEY (default: anvil's first development key, for local
 * chains); it owns the auction and is the vaults' beacon-chain admin. The proxy admin is
 * PROXY_ADMIN (default: the devnet's proxy admin key). A fresh CREATOR_PRIVATE_KEY is printed:
 * the portal refuses anvil's public keys for that role outside the devnet.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createWalletClient, getAddress, http, isAddress, isHex, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { auctionAbi } from "../contracts-abi";
import { deployer } from "../devnet/accounts";
import { deployDevnet, devnetClients, type Deployment } from "../devnet/deploy";
import { networks } from "../lib/networks";

export type TwinOptions = { rpcUrl: string; deployerKey?: Hex; proxyAdmin?: Address; whitelist?: Address[]; chainName?: string; creatorKey?: Hex };

/** The fork version charon pairs with `chainId` (the portal needs the two to agree); throws when there is none. */
export function forkVersionOf(chainId: number): Hex {
  const found = Object.entries(networks).find(([, network]) => network.chainId === chainId);
  if (!found) {
    throw new Error(
      `Chain ${chainId} has no fork version charon knows (${Object.values(networks).map((n) => n.chainId).join(", ")}); the portal signs for those chains only. Start the node with one of them, e.g. anvil --chain-id 560048.`,
    );
  }
  return found[0] as Hex;
}

/** The portal's variables for a deployment, in the order the README lists them. */
export function portalVariables(deployment: Deployment, options: { rpcUrl: string; chainName?: string; creatorKey: Hex }): Record<string, string> {
  const forkVersion = forkVersionOf(deployment.chainId);
  return {
    NETWORK: "custom",
    RPC_URL: options.rpcUrl,
    CHAIN_ID: String(deployment.chainId),
    CHAIN_NAME: options.chainName ?? "Byzantine twin",
    FORK_VERSION: forkVersion,
    AUCTION_ADDRESS: deployment.auction,
    VAULT_ADDRESS: deployment.vault,
    DEPLOYMENT_BLOCK: String(deployment.deploymentBlock),
    CREATOR_PRIVATE_KEY: options.creatorKey,
  };
}

export async function deployTwin(options: TwinOptions): Promise<{ deployment: Deployment; variables: Record<string, string> }> {
  const account = options.deployerKey ? privateKeyToAccount(options.deployerKey) : deployer;
  // Refuse a chain the portal cannot serve before spending anything on it.
  const chainId = await devnetClients(options.rpcUrl, account).publicClient.getChainId();
  forkVersionOf(chainId);
  const deployment = await deployDevnet(options.rpcUrl, { account, proxyAdminAddress: options.proxyAdmin });
  if (options.whitelist?.length) {
    const { publicClient } = devnetClients(options.rpcUrl, account);
    const wallet = createWalletClient({ account, transport: http(options.rpcUrl) });
    const hash = await wallet.writeContract({ address: deployment.auction, abi: auctionAbi, functionName: "whitelistNodeOps", args: [options.whitelist], chain: null });
    if ((await publicClient.waitForTransactionReceipt({ hash })).status !== "success") throw new Error(`whitelisting reverted (${hash})`);
  }
  const creatorKey = options.creatorKey ?? generatePrivateKey();
  return { deployment, variables: portalVariables(deployment, { rpcUrl: options.rpcUrl, chainName: options.chainName, creatorKey }) };
}

function parseArgs(argv: string[]): TwinOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith("--")) flags.set(argv[i].slice(2), argv[++i] ?? "");
  const rpcUrl = flags.get("rpc") ?? process.env.RPC_URL;
  if (!rpcUrl) throw new Error("usage: npm run deploy:twin -- --rpc <url> [--whitelist 0xA,0xB] [--chain-name <name>]");
  const whitelist = (flags.get("whitelist") ?? "").split(",").filter(Boolean);
  const bad = whitelist.find((a) => !isAddress(a, { strict: false }));
  if (bad) throw new Error(`--whitelist: ${bad} is not an address`);
  const key = process.env.DEPLOYER_PRIVATE_KEY;
  if (key !== undefined && !(isHex(key) && key.length === 66)) throw new Error("DEPLOYER_PRIVATE_KEY: expected a 0x-prefixed 32-byte hex key");
  const proxyAdmin = process.env.PROXY_ADMIN;
  if (proxyAdmin !== undefined && !isAddress(proxyAdmin, { strict: false })) throw new Error("PROXY_ADMIN: expected an address");
  return {
    rpcUrl,
    deployerKey: key as Hex | undefined,
    proxyAdmin: proxyAdmin ? getAddress(proxyAdmin) : undefined,
    whitelist: whitelist.map((a) => getAddress(a)),
    chainName: flags.get("chain-name"),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const { deployment, variables } = await deployTwin(parseArgs(process.argv.slice(2)));
    console.error(`twin deployed: auction ${deployment.auction} (implementation ${deployment.implementation}), vault manager ${deployment.vault}, block ${deployment.deploymentBlock}`);
    for (const [name, value] of Object.entries(variables)) console.log(`${name}=${value}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
