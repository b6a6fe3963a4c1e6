// Obol's EIP-712 messages (charon cluster/eip712sigs.go) as viem/wagmi `signTypedData` input,
// and their server-side verification: ECDSA recovery, then ERC-1271 for contract wallets.
import {
  hashTypedData,
  isAddressEqual,
  recoverAddress,
  type Address,
  type Hex,
  type PublicClient,
  type TypedDataDefinition,
} from "viem";
import { isChainUnavailable } from "@/lib/http/unavailable";
import { requireNetwork } from "@/lib/networks";

/** charon eth2util.ForkVersionToChainID: the EIP-712 chainId follows the beacon fork version. */
export function chainIdForForkVersion(forkVersion: string): number {
  return requireNetwork(forkVersion).chainId;
}

export const TERMS_AND_CONDITIONS_HASH = "0xd33721644e8f3afab1495a74abe3523cec12d48b8da6cb760972492ca3f1a273";
export const TERMS_AND_CONDITIONS_VERSION = 1n;

const domain = (forkVersion: string) => ({ name: "Obol", version: "1", chainId: chainIdForForkVersion(forkVersion) }) as const;

// Hashes are signed as their lowercase 0x-hex *string*, exactly as charon's to0xHex writes them.
export function creatorConfigHashTypedData(configHash: Hex, forkVersion: string) {
  return {
    domain: domain(forkVersion),
    types: { CreatorConfigHash: [{ name: "creator_config_hash", type: "string" }] },
    primaryType: "CreatorConfigHash",
    message: { creator_config_hash: configHash.toLowerCase() },
  } as const satisfies TypedDataDefinition;
}

export function operatorConfigHashTypedData(configHash: Hex, forkVersion: string) {
  return {
    domain: domain(forkVersion),
    types: { OperatorConfigHash: [{ name: "operator_config_hash", type: "string" }] },
    primaryType: "OperatorConfigHash",
    message: { operator_config_hash: configHash.toLowerCase() },
  } as const satisfies TypedDataDefinition;
}

export function enrTypedData(enr: string, forkVersion: string) {
  return {
    domain: domain(forkVersion),
    types: { ENR: [{ name: "enr", type: "string" }] },
    primaryType: "ENR",
    message: { enr },
  } as const satisfies TypedDataDefinition;
}

/** Accepted once per address for every cluster, so its domain has no chainId (Obol API). */
export function termsAndConditionsTypedData() {
  return {
    domain: { name: "Obol", version: "1" },
    types: {
      TermsAndConditions: [
        { name: "terms_and_conditions_hash", type: "string" },
        { name: "version", type: "uint256" },
      ],
    },
    primaryType: "TermsAndConditions",
    message: { terms_and_conditions_hash: TERMS_AND_CONDITIONS_HASH, version: TERMS_AND_CONDITIONS_VERSION },
  } as const satisfies TypedDataDefinition;
}

const ERC1271_MAGIC = "0x1626ba7e";
const erc1271Abi = [
  {
    type: "function",
    name: "isValidSignature",
    stateMutability: "view",
    inputs: [
      { name: "hash", type: "bytes32" },
      { name: "signature", type: "bytes" },
    ],
    outputs: [{ name: "", type: "bytes4" }],
  },
] as const;

// Whether an address has code, per client, for a minute and at most this many addresses: a wallet
// that keeps sending bad signatures costs one eth_getCode a minute, not one per request.
const CODE_CACHE_MS = 60_000;
const CODE_CACHE_ADDRESSES = 1_000;
const codeCache = new WeakMap<PublicClient, Map<Address, { hasCode: boolean; at: number }>>();

async function hasCode(client: PublicClient, address: Address): Promise<boolean> {
  const cache = codeCache.get(client) ?? new Map<Address, { hasCode: boolean; at: number }>();
  codeCache.set(client, cache);
  const key = address.toLowerCase() as Address;
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < CODE_CACHE_MS) return cached.hasCode;
  const code = await client.getCode({ address });
  cache.delete(key);
  // Maps iterate in insertion order: the first key is the oldest entry.
  if (cache.size >= CODE_CACHE_ADDRESSES) cache.delete(cache.keys().next().value!);
  const answer = { hasCode: !!code && code !== "0x", at: Date.now() };
  cache.set(key, answer);
  return answer.hasCode;
}

/**
 * True when `signature` over `typedData` is `address`'s: the ECDSA signer (v 0/1/27/28, as
 * charon's k1util.Recover) is the address, or, given a client and an address with code, the
 * contract's ERC-1271 isValidSignature returns the magic value (any signature length, such as a
 * multisig's concatenated owner signatures). The chain is asked only when recovery does not give
 * the address. Throws only when the chain node does not answer (a 503, not a refusal).
 */
export async function verifyTypedSignature({
  client,
  address,
  typedData,
  signature,
}: {
  client?: PublicClient;
  address: Address;
  typedData: TypedDataDefinition;
  signature: Hex;
}): Promise<boolean> {
  let hash: Hex;
  try {
    hash = hashTypedData(typedData);
  } catch {
    return false;
  }
  try {
    if (isAddressEqual(await recoverAddress({ hash, signature }), address)) return true;
  } catch {
    // Not a 65-byte ECDSA signature: only a contract wallet can still accept it.
  }
  if (!client) return false;
  try {
    if (!(await hasCode(client, address))) return false;
    const result = await client.readContract({
      address,
      abi: erc1271Abi,
      functionName: "isValidSignature",
      args: [hash, signature],
    });
    return result === ERC1271_MAGIC;
  } catch (error) {
    // A revert or an undecodable answer is a refusal; a node that does not answer is not.
    if (isChainUnavailable(error)) throw error;
    return false;
  }
}
