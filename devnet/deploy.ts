import { createPublicClient, createWalletClient, getAddress, http, isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { multicall3Address } from "@/lib/chain/chains";
import { deployer } from "./accounts";
import { compileContracts } from "./compile";

/** Reference parameters: Byzantine's testnet configuration (DESIGN.md section 2). */
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
  auction: address,
  vault: address,
  multicall3: address,
  deploymentBlock: z.number().int().nonnegative(),
  deployer: address,
});

export type Deployment = z.output<typeof deploymentSchema>;

export function devnetClients(rpcUrl: string) {
  const transport = http(rpcUrl);
  return {
    publicClient: createPublicClient({ transport, cacheTime: 0, pollingInterval: 50 }),
    wallet: createWalletClient({ account: deployer, transport }),
  };
}

/** Deploys Multicall3 (at its canonical address), the auction and the vault, and wires them. */
export async function deployDevnet(rpcUrl: string): Promise<Deployment> {
  const compiled = await compileContracts();
  const { publicClient, wallet } = devnetClients(rpcUrl);
  const chainId = await publicClient.getChainId();
  const chain = null;

  await publicClient.request({
    method: "anvil_setCode" as never,
    params: [multicall3Address, compiled.Multicall3.deployedBytecode] as never,
  });

  const deploy = async (name: string, args: unknown[]): Promise<{ address: Address; blockNumber: bigint }> => {
    const hash = await wallet.deployContract({ abi: compiled[name].abi, bytecode: compiled[name].bytecode, args, chain });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (!receipt.contractAddress) throw new Error(`${name} was not deployed (${receipt.status})`);
    return { address: receipt.contractAddress, blockNumber: receipt.blockNumber };
  };
  const auction = await deploy("Auction", [
    auctionParameters.expectedDailyReturnWei,
    auctionParameters.maxDiscountRate,
    auctionParameters.minDuration,
  ]);
  const vault = await deploy("DevVault", [auction.address]);
  const wire: Hex = await wallet.writeContract({
    address: auction.address,
    abi: compiled.Auction.abi,
    functionName: "setStrategyVaultManager",
    args: [vault.address],
    chain,
  });
  await publicClient.waitForTransactionReceipt({ hash: wire });

  return deploymentSchema.parse({
    chainId,
    auction: auction.address,
    vault: vault.address,
    multicall3: multicall3Address,
    deploymentBlock: Number(auction.blockNumber),
    deployer: deployer.address,
  });
}
