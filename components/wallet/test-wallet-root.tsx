import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { WagmiProvider, type Config } from "wagmi";
import { parseEnv, publicConfig } from "@/lib/env";
import { WalletRoot } from "./wallet-context";
import { WalletBridge } from "./wallet-stack";

/** For component tests: the page's wallet context fed by `config` (a wagmi config with a mock connector), as the stack feeds it. */
export function TestWalletRoot({ config, children }: { config: Config; children: ReactNode }) {
  // The stack itself (RainbowKit) is not rendered: only its bridge, so the portal configuration is a placeholder.
  const portal = publicConfig(parseEnv({ NETWORK: "devnet", AUCTION_ADDRESS: `0x${"01".repeat(20)}`, VAULT_ADDRESS: `0x${"02".repeat(20)}` }));
  return (
    <WalletRoot portal={portal} initialState={undefined}>
      <WagmiProvider config={config} reconnectOnMount={false}>
        <QueryClientProvider client={new QueryClient()}>
          <WalletBridge />
          {children}
        </QueryClientProvider>
      </WagmiProvider>
    </WalletRoot>
  );
}
