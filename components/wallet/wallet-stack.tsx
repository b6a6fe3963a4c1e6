"use client";

import { connectorsForWallets, darkTheme, RainbowKitProvider } from "@rainbow-me/rainbowkit";
import { injectedWallet, metaMaskWallet, rabbyWallet } from "@rainbow-me/rainbowkit/wallets";
import "@rainbow-me/rainbowkit/styles.css";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider, type State } from "wagmi";
import type { PublicConfig } from "@/lib/env";
import { getWagmiConfig } from "@/lib/wallet/config";

// Browser wallets announced through EIP-6963 are discovered by wagmi and listed as installed;
// these are the fallbacks. WalletConnect is left out: it needs a relay this portal does not run.
function browserConnectors() {
  return connectorsForWallets(
    [{ groupName: "Browser wallets", wallets: [injectedWallet, metaMaskWallet, rabbyWallet] }],
    { appName: "Byzantine DV Portal", projectId: "byzantine-dv-portal" },
  );
}

export function Providers({
  config,
  initialState,
  children,
}: {
  config: PublicConfig;
  initialState: State | undefined;
  children: ReactNode;
}) {
  const [wagmiConfig] = useState(() => getWagmiConfig(config, browserConnectors()));
  const [queryClient] = useState(() => new QueryClient());
  return (
    <WagmiProvider config={wagmiConfig} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider
          initialChain={config.chainId}
          theme={darkTheme({ accentColor: "#f97316", accentColorForeground: "#0b0f19", borderRadius: "medium" })}
        >
          {children}
        </RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
