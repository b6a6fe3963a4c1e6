import { cookieStorage, createConfig, createStorage, http, type CreateConnectorFn } from "wagmi";
import type { PublicConfig } from "@/lib/env";
import { walletChains } from "@/lib/chain/chains";

/**
 * wagmi's configuration, built the same way on the server (no connectors: the cookie only needs
 * chains and storage) and in the browser (with RainbowKit's connectors).
 */
export function getWagmiConfig(config: PublicConfig, connectors: CreateConnectorFn[] = []) {
  const chains = walletChains(config);
  return createConfig({
    chains,
    connectors,
    ssr: true,
    storage: createStorage({ storage: cookieStorage }),
    transports: Object.fromEntries(
      chains.map((chain) => [chain.id, http(chain.id === config.chainId ? config.rpcUrl : undefined)]),
    ),
  });
}
