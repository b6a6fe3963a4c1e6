import { createPublicClient, createWalletClient, encodeFunctionData, getAddress, getContractAddress, http, isAddress, type Account, type Address } from "viem";
import { z } from "zod";
import { multicall3Address } from "@/lib/chain/chains";
import { deployer, proxyAdmin } from "./accounts";
import { compileContracts } from "./compile";

/** Reference parameters: Byzantine's testnet configuration (docs/chain.md). */
export const auctionParameters = {
  expectedDailyReturnWei: 3243835616438356n,
  maxDiscountRate: 2000,
  minDuration: 90,
} as const;

const address = z
  .string()
  .refine((s) => isAddress(s, { strict: false }), "expected an address")
  .transform((s) => getAddress(s));

export const deploymentSchema = z.object({
  chainId: z.number().int(),
  /** The auction's proxy: the address the portal and operators use. */
  auction: address,
  /** The auction's implementation behind the proxy. */
  implementation: address,
  /** The strategy vault manager (the portal's VAULT_ADDRESS). */
  vault: address,
  escrow: address,
  stakerRewards: address,
  splitFactory: address,
  multicall3: address,
  /** Block of the proxy's creation, where the cluster index starts reading. */
  deploymentBlock: z.number().int().nonnegative(),
  /** The auction's owner and the vaults' beacon-chain admin. */
  deployer: address,
});

export type Deployment = z.output<typeof deploymentSchema>;

export function devnetClients(rpcUrl: string, account: Account = deployer) {
  const transport = http(rpcUrl);
  return {
    publicClient: createPublicClient({ transport, cacheTime: 0, pollingInterval: 50 }),
    wallet: createWalletClient({ account, transport }),
  };
}

/** Multicall3 at its canonical address: already there on public chains, set by anvil on a devnet. */
async function ensureMulticall3(publicClient: ReturnType<typeof devnetClients>["publicClient"], code: `0x${string}`) {
  if (await publicClient.getCode({ address: multicall3Address })) return;
  try {
    await publicClient.request({ method: "anvil_setCode" as never, params: [multicall3Address, code] as never });
  } catch {
    throw new Error(`No Multicall3 at ${multicall3Address} on this chain, and it is not anvil: deploy Multicall3 there first (the portal reads through it).`);
  }
}

/**
 * Deploys the twin of Byzantine's auction and what it talks to: staker rewards, strategy vault
 * manager, split factory, escrow, the auction's implementation and its ERC-1967 proxy (initialized
 * in its constructor). They refer to each other, so the addresses of later ones are predicted from
 * the deployer's nonce: nothing else may send from `account` meanwhile. Works on any RPC whose
 * `account` holds ETH; `proxyAdminAddress` must differ from `account`.
 */
export async function deployDevnet(rpcUrl: string, options: { account?: Account; proxyAdminAddress?: Address } = {}): Promise<Deployment> {
  const account = options.account ?? deployer;
  const admin = options.proxyAdminAddress ?? proxyAdmin.address;
  if (getAddress(admin) === getAddress(account.address)) throw new Error("The proxy admin must not be the auction's owner: a transparent proxy forwards none of its admin's calls.");
  const compiled = await compileContracts();
  const { publicClient, wallet } = devnetClients(rpcUrl, account);
  const chainId = await publicClient.getChainId();
  await ensureMulticall3(publicClient, compiled.Multicall3.deployedBytecode);

  const nonce = await publicClient.getTransactionCount({ address: account.address, blockTag: "pending" });
  const at = (offset: number) => getContractAddress({ from: account.address, nonce: BigInt(nonce + offset) });
  const planned = { stakerRewards: at(0), vault: at(1), splitFactory: at(2), escrow: at(3), implementation: at(4), auction: at(5) };

  const deploy = async (name: string, args: unknown[], expected: Address) => {
    const hash = await wallet.deployContract({ abi: compiled[name].abi, bytecode: compiled[name].bytecode, args, chain: null });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`${name} was not deployed (${receipt.status})`);
    if (getAddress(receipt.contractAddress) !== expected) throw new Error(`${name} landed at ${receipt.contractAddress}, not ${expected}: another transaction from ${account.address} was sent meanwhile.`);
    return receipt;
  };
  await deploy("DevStakerRewards", [planned.auction, account.address], planned.stakerRewards);
  await deploy("DevStrategyVaultManager", [planned.auction, account.address], planned.vault);
  await deploy("DevSplitFactory", [], planned.splitFactory);
  await deploy("DevEscrow", [planned.auction, planned.stakerRewards], planned.escrow);
  await deploy("Auction", [planned.escrow, planned.vault, planned.splitFactory, planned.stakerRewards], planned.implementation);
  const initialize = encodeFunctionData({
    abi: compiled.Auction.abi,
    functionName: "initialize",
    args: [account.address, auctionParameters.expectedDailyReturnWei, auctionParameters.maxDiscountRate, auctionParameters.minDuration],
  });
  const proxy = await deploy("DevProxy", [planned.implementation, admin, initialize], planned.auction);

  return deploymentSchema.parse({
    chainId,
    ...planned,
    multicall3: multicall3Address,
    deploymentBlock: Number(proxy.blockNumber),
    deployer: account.address,
  });
}
