import { defineChain, type Chain } from "viem";
import { hoodi, mainnet } from "viem/chains";
import type { PublicConfig } from "@/lib/env";

// Multicall3 lives at this address on every public network; the devnet deploys it there too.
export const multicall3Address = "0xcA11bde05977b3631167028862bE2a173976CA11" as const;

/**
 * The viem chain of the configured network, shared by the server client and wagmi. `rpcUrl` is
 * the one a browser may know (the server's client has its own transport); null lists none.
 */
export function configuredChain(config: Pick<PublicConfig, "chainId" | "chainName" | "rpcUrl" | "explorerUrl">): Chain {
  return defineChain({
    id: config.chainId,
    name: config.chainName,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: config.rpcUrl ? [config.rpcUrl] : [] } },
    blockExplorers: config.explorerUrl
      ? { default: { name: "Explorer", url: config.explorerUrl } }
      : undefined,
    contracts: { multicall3: { address: multicall3Address } },
    testnet: config.chainId !== 1,
  });
}

/**
 * Chains offered in the wallet: the configured one first, then Hoodi and mainnet unless one of
 * them has the same chain id (the devnet reuses Hoodi's id so fork version and EIP-712 agree).
 */
export function walletChains(config: Parameters<typeof configuredChain>[0]): [Chain, ...Chain[]] {
  const primary = configuredChain(config);
  return [primary, ...[hoodi, mainnet].filter((c) => c.id !== primary.id)];
}
