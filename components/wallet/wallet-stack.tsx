"use client";

import { ConnectButton, connectorsForWallets, darkTheme, RainbowKitProvider, useConnectModal, type WalletList } from "@rainbow-me/rainbowkit";
import { injectedWallet, metaMaskWallet, rabbyWallet, walletConnectWallet } from "@rainbow-me/rainbowkit/wallets";
import "@rainbow-me/rainbowkit/styles.css";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { useAccount, useConfig, WagmiProvider } from "wagmi";
import type { PublicConfig } from "@/lib/env";
import { getWagmiConfig } from "@/lib/wallet/config";
import { AccountRefresh } from "./account-refresh";
import { useWallet } from "./wallet-context";

// Browser wallets announced through EIP-6963 are discovered by wagmi and listed as installed;
// these are the fallbacks. WalletConnect needs a relay project: offered only when one is configured.
function browserConnectors(portal: PublicConfig) {
  const wallets: WalletList = [{ groupName: "Browser wallets", wallets: [injectedWallet, metaMaskWallet, rabbyWallet] }];
  if (portal.walletConnectProjectId) wallets.push({ groupName: "Other wallets", wallets: [walletConnectWallet] });
  return connectorsForWallets(wallets, { appName: "Byzantine DV Portal", projectId: portal.walletConnectProjectId ?? "byzantine-dv-portal" });
}

/** Reports wagmi's account to the page's components (./wallet-context), which do not load wagmi themselves. */
export function WalletBridge() {
  const { address, chainId } = useAccount();
  const config = useConfig();
  const { report } = useWallet();
  useEffect(() => report({ address, chainId, config }), [address, chainId, config, report]);
  return null;
}

/** Opens RainbowKit's dialog once the stack has loaded after a click on the placeholder button. */
function OpenWhenAsked() {
  const { openConnectModal } = useConnectModal();
  const { openOnLoad, opened } = useWallet();
  useEffect(() => {
    if (!openOnLoad || !openConnectModal) return;
    openConnectModal();
    opened();
  }, [openOnLoad, openConnectModal, opened]);
  return null;
}

/** The wallet stack, rendered in the header's place of the "Connect Wallet" button. */
export default function WalletStack({ children }: { children?: ReactNode }) {
  const { portal, initialState } = useWallet();
  const [wagmiConfig] = useState(() => getWagmiConfig(portal, browserConnectors(portal)));
  const [queryClient] = useState(() => new QueryClient());
  return (
    <WagmiProvider config={wagmiConfig} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider
          initialChain={portal.chainId}
          theme={darkTheme({ accentColor: "#f97316", accentColorForeground: "#0b0f19", borderRadius: "medium" })}
        >
          <WalletBridge />
          <AccountRefresh />
          <OpenWhenAsked />
          <ConnectButton
            accountStatus={{ smallScreen: "avatar", largeScreen: "full" }}
            // No chain selector: its name ("Chain Selector") does not contain the chain name it shows
            // (WCAG 2.5.3), and the portal works on one chain. A wrong one still shows "Wrong network".
            chainStatus="none"
            showBalance={{ smallScreen: false, largeScreen: true }}
          />
          {children}
        </RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
