"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { Address } from "viem";
import type { Config, State } from "wagmi";
import type { PublicConfig } from "@/lib/env";

/**
 * The wallet as the page's components see it, without loading the wallet stack (wagmi,
 * RainbowKit, the connectors: most of the JavaScript a page would otherwise download). The stack
 * (./wallet-stack) loads when the visitor asks to connect, or at once when wagmi's cookie says a
 * wallet was connected; it then reports the account here. Until then the account is the cookie's,
 * so the server renders what a connected operator sees.
 */
export type WalletAccount = { address: Address | undefined; chainId: number | undefined; config: Config | null };

type WalletValue = WalletAccount & {
  /** The portal's public configuration and the cookie's wagmi state, for the stack. */
  portal: PublicConfig;
  initialState: State | undefined;
  /** The stack is (being) loaded; `openOnLoad`: the visitor clicked "Connect Wallet" and waits for the dialog. */
  wanted: boolean;
  openOnLoad: boolean;
  connect(): void;
  /** Called by the stack when the account changes and once the dialog has opened. */
  report(account: WalletAccount): void;
  opened(): void;
};

const WalletContext = createContext<WalletValue | null>(null);

export function useWallet(): WalletValue {
  const value = useContext(WalletContext);
  if (!value) throw new Error("useWallet needs a WalletRoot above it");
  return value;
}

/** wagmi's configuration, once the stack has loaded; actions wait for it instead of failing. */
export function requireConfig(config: Config | null): Config {
  if (!config) throw new Error("The wallet is still loading; try again in a moment.");
  return config;
}

/** wagmi's actions (signatures, transactions), loaded with the stack rather than with the page. */
export const walletActions = () => import("wagmi/actions");

function cookieAccount(state: State | undefined): WalletAccount {
  const connection = state?.current ? state.connections.get(state.current) : undefined;
  return { address: connection?.accounts[0], chainId: connection?.chainId, config: null };
}

export function WalletRoot({ portal, initialState, children }: { portal: PublicConfig; initialState: State | undefined; children: ReactNode }) {
  const [account, setAccount] = useState(() => cookieAccount(initialState));
  const [wanted, setWanted] = useState(() => account.address !== undefined);
  const [openOnLoad, setOpenOnLoad] = useState(false);
  const connect = useCallback(() => {
    setWanted(true);
    setOpenOnLoad(true);
  }, []);
  const opened = useCallback(() => setOpenOnLoad(false), []);
  const value = useMemo(
    () => ({ ...account, portal, initialState, wanted, openOnLoad, connect, report: setAccount, opened }),
    [account, portal, initialState, wanted, openOnLoad, connect, opened],
  );
  return <WalletContext value={value}>{children}</WalletContext>;
}
