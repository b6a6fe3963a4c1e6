"use client";

import { useWallet } from "@/components/wallet/wallet-context";
import type { AuctionAccount } from "@/lib/auction/auction-view";
import type { AuctionNetwork } from "./network";

export type WalletState = "disconnected" | "loading" | "not-whitelisted" | "wrong-network" | "ready";

/** Where the connected wallet stands, from the wallet (the browser) and the page's account (the chain). */
export function useWalletState(account: AuctionAccount | null, network: AuctionNetwork): WalletState {
  const { address, chainId } = useWallet();
  if (!address) return "disconnected";
  // The server rendered another account (or none): AccountRefresh is rendering it again.
  if (!account || account.address.toLowerCase() !== address.toLowerCase()) return "loading";
  if (!account.whitelisted) return "not-whitelisted";
  if (chainId !== network.chainId) return "wrong-network";
  return "ready";
}

