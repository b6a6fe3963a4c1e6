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
 * so the server renders what a connected operator sees. RainbowKit's dialogs (./wallet-dialogs)
 * load only when one is asked for: a returning operator's page needs wagmi, not the dialogs.
 */
export type WalletAccount = { address: Address | undefined; chainId: number | undefined; config: Config | null };

/** RainbowKit's dialogs: choose a wallet, the connected account, the network. */
export type WalletDialog = "connect" | "account" | "chain";

type WalletValue = WalletAccount & {
  /** The portal's public configuration and the cookie's wagmi state, for the stack. */
  portal: PublicConfig;
  initialState: State | undefined;
  /** The stack is (being) loaded; `dialogs`: RainbowKit's dialogs too; `dialog`: the one the visitor asked for and waits for. */
  wanted: boolean;
  dialogs: boolean;
  dialog: WalletDialog | null;
  connect(): void;
  openDialog(dialog: WalletDialog): void;
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
  const [dialogs, setDialogs] = useState(false);
  const [dialog, setDialog] = useState<WalletDialog | null>(null);
  const openDialog = useCallback((kind: WalletDialog) => {
    setWanted(true);
    setDialogs(true);
    setDialog(kind);
  }, []);
  const connect = useCallback(() => openDialog("connect"), [openDialog]);
  const opened = useCallback(() => setDialog(null), []);
  const value = useMemo(
    () => ({ ...account, portal, initialState, wanted, dialogs, dialog, connect, openDialog, report: setAccount, opened }),
    [account, portal, initialState, wanted, dialogs, dialog, connect, openDialog, opened],
  );
  return <WalletContext value={value}>{children}</WalletContext>;
}
