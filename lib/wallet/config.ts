import { custom, type EIP1193Provider, type Transport } from "viem";
import { cookieStorage, createConfig, createStorage, http, type Config, type CreateConnectorFn } from "wagmi";
import type { PublicConfig } from "@/lib/env";
import { walletChains } from "@/lib/chain/chains";
import { walletStorageKey } from "@/lib/wallet-cookie";

/**
 * wagmi's configuration, built the same way on the server (no connectors: the cookie only needs
 * chains and storage) and in the browser (with RainbowKit's connectors). The browser reads the
 * configured chain from PUBLIC_RPC_URL when there is one, and every other chain (and the
 * configured one without it) through the connected wallet's own provider: the page itself
 * contacts no other node (see the connect-src of lib/http/security-headers.ts).
 */
export function getWagmiConfig(config: PublicConfig, connectors: CreateConnectorFn[] = []) {
  const chains = walletChains(config);
  const wagmiConfig: Config = createConfig({
    chains,
    connectors,
    ssr: true,
    storage: createStorage({ storage: cookieStorage, key: walletStorageKey }),
    transports: Object.fromEntries(
      chains.map((chain) => [
        chain.id,
        chain.id === config.chainId && config.rpcUrl ? http(config.rpcUrl) : walletTransport(chain.id, () => wagmiConfig),
      ]),
    ),
  });
  return wagmiConfig;
}

/** Requests sent to the connected wallet, and only while it is on `chainId` (else they would read another chain). */
function walletTransport(chainId: number, wagmiConfig: () => Config): Transport {
  return custom({
    async request({ method, params }) {
      const { current, connections } = wagmiConfig().state;
      const connector = current ? connections.get(current)?.connector : undefined;
      if (!connector) throw new Error("Connect a wallet: this portal reads the chain through it.");
      const provider = (await connector.getProvider({ chainId })) as EIP1193Provider;
      const walletChainId = Number(await provider.request({ method: "eth_chainId" }));
      if (walletChainId !== chainId) throw new Error(`Your wallet is on chain ${walletChainId}; switch it to chain ${chainId}.`);
      return provider.request({ method, params } as Parameters<EIP1193Provider["request"]>[0]);
    },
  });
}
