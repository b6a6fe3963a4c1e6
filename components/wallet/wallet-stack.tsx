"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, use, useEffect, useState, type ReactNode } from "react";
import { useAccount, useConfig, WagmiProvider, type CreateConnectorFn } from "wagmi";
import type { PublicConfig } from "@/lib/env";
import { getWagmiConfig } from "@/lib/wallet/config";
import { AccountButton } from "./account-button";
import { AccountRefresh } from "./account-refresh";
import { useWallet } from "./wallet-context";
import { browserConnectors } from "./wallet-connectors";

const WalletDialogs = lazy(() => import("./wallet-dialogs"));

/** Reports wagmi's account to the page's components (./wallet-context), which do not load wagmi themselves. */
export function WalletBridge() {
  const { address, chainId } = useAccount();
  const config = useConfig();
  const { report } = useWallet();
  useEffect(() => report({ address, chainId, config }), [address, chainId, config, report]);
  return null;
}

// Made once per page: a new promise (the layout's props are new objects after each refresh) would
// suspend the stack again. The WalletConnect project is all they depend on.
let connectors: { projectId: string | null; list: Promise<CreateConnectorFn[]> } | undefined;
function connectorsFor(portal: PublicConfig): Promise<CreateConnectorFn[]> {
  if (connectors?.projectId === portal.walletConnectProjectId) return connectors.list;
  connectors = { projectId: portal.walletConnectProjectId, list: browserConnectors(portal) };
  return connectors.list;
}

/**
 * The wallet stack (wagmi), rendered in the header's place of the "Connect Wallet" button, with
 * RainbowKit's button and dialogs once one is asked for. `placeholder`: what shows until then.
 */
export default function WalletStack({ placeholder }: { placeholder: ReactNode }) {
  const { portal, initialState, dialogs } = useWallet();
  const list = use(connectorsFor(portal));
  const [wagmiConfig] = useState(() => getWagmiConfig(portal, list));
  const [queryClient] = useState(() => new QueryClient());
  const button = <AccountButton placeholder={placeholder} />;
  return (
    <WagmiProvider config={wagmiConfig} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <WalletBridge />
        <AccountRefresh />
        {dialogs ? (
          <Suspense fallback={button}>
            <WalletDialogs />
          </Suspense>
        ) : (
          button
        )}
      </QueryClientProvider>
    </WagmiProvider>
  );
}
