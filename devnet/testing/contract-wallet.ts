import { createPublicClient, createWalletClient, getAddress, http, type Address } from "viem";
import { deployer } from "../accounts";
import { compileContracts } from "../compile";

/** Deploys a DevSmartWallet (ERC-1271, valid when `owner` signed) and returns its address. */
export async function deployContractWallet(rpcUrl: string, owner: Address): Promise<Address> {
  const { DevSmartWallet } = await compileContracts();
  const hash = await createWalletClient({ account: deployer, transport: http(rpcUrl) }).deployContract({
    abi: DevSmartWallet.abi,
    bytecode: DevSmartWallet.bytecode,
    args: [owner],
    chain: null,
  });
  const receipt = await createPublicClient({ transport: http(rpcUrl) }).waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error("DevSmartWallet was not deployed");
  return getAddress(receipt.contractAddress);
}
