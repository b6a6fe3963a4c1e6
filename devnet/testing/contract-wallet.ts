import { concatHex, createPublicClient, createWalletClient, getAddress, http, type Abi, type Address, type Hex, type LocalAccount, type PublicClient } from "viem";
import { deployer } from "../accounts";
import { startAnvil, type Anvil } from "../anvil";
import { compileContracts } from "../compile";

async function deploy(rpcUrl: string, name: "DevSmartWallet" | "DevMultisigWallet", args: readonly unknown[]): Promise<Address> {
  const contract = (await compileContracts())[name];
  const hash = await createWalletClient({ account: deployer, transport: http(rpcUrl) }).deployContract({
    abi: contract.abi as Abi,
    bytecode: contract.bytecode,
    args,
    chain: null,
  });
  const receipt = await createPublicClient({ transport: http(rpcUrl) }).waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error(`${name} was not deployed`);
  return getAddress(receipt.contractAddress);
}

/** Deploys a DevSmartWallet (ERC-1271, valid when `owner` signed) and returns its address. */
export function deployContractWallet(rpcUrl: string, owner: Address): Promise<Address> {
  return deploy(rpcUrl, "DevSmartWallet", [owner]);
}

/** Deploys a DevMultisigWallet (ERC-1271, valid with `threshold` distinct owners' signatures) and returns its address. */
export function deployMultisigWallet(rpcUrl: string, owners: readonly Address[], threshold: number): Promise<Address> {
  return deploy(rpcUrl, "DevMultisigWallet", [owners, BigInt(threshold)]);
}

/**
 * A bare anvil (no devnet contracts: a contract wallet needs none) holding a DevSmartWallet of
 * `owner`, with a client that caches nothing, so each check asks the chain again.
 */
export async function startContractWalletChain(owner: Address): Promise<{ anvil: Anvil; client: PublicClient; wallet: Address }> {
  const anvil = await startAnvil();
  const client = createPublicClient({ transport: http(anvil.rpcUrl), cacheTime: 0 }) as PublicClient;
  return { anvil, client, wallet: await deployContractWallet(anvil.rpcUrl, owner) };
}

/**
 * The multisig's signature of typed data: each signer's 65-byte signature, concatenated in
 * ascending order of signer address (what DevMultisigWallet, like a Safe, expects).
 */
export async function multisigSignature(signers: readonly LocalAccount[], sign: (signer: LocalAccount) => Promise<Hex>): Promise<Hex> {
  const ordered = [...signers].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  return concatHex(await Promise.all(ordered.map(sign)));
}
