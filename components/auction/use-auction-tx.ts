"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Hex } from "viem";
import { requireConfig, useWallet, walletActions } from "@/components/wallet/wallet-context";
import { describeProblem } from "@/components/wallet/wallet-error";
import { explainAuctionError } from "@/lib/auction/errors";
import { formatEth } from "@/lib/format/number";
import { PriceChangedError } from "./auction-writes";

export type TxPhase =
  | { kind: "idle" }
  | { kind: "wallet" }
  | { kind: "pending"; hash: Hex }
  | { kind: "confirmed"; hash: Hex; blockNumber: bigint; done: string }
  | { kind: "failed"; message: string; wrongNetwork: boolean; hash?: Hex };

/** A failed auction transaction as one sentence: the contract's refusal first, then the wallet's. */
export function describeTxError(error: unknown, chainName: string): { message: string; wrongNetwork: boolean } {
  if (error instanceof PriceChangedError) {
    return {
      message: `The auction now asks ${formatEth(error.actual, 6)} instead of the ${formatEth(error.expected, 6)} shown (its parameters changed); nothing was sent. The page has been refreshed: check the preview and try again.`,
      wrongNetwork: false,
    };
  }
  const refusal = explainAuctionError(error);
  if (refusal) return { message: refusal, wrongNetwork: false };
  const problem = describeProblem(error);
  if (problem.kind === "wrong-network") return { message: `Your wallet is on another network than the auction (${chainName}); switch network, then try again.`, wrongNetwork: true };
  return { message: problem.message, wrongNetwork: false };
}

/**
 * Runs one auction transaction through its phases (wallet, pending, confirmed or failed) and,
 * once mined, renders the page again on the server so the ranking and "Your bids" follow.
 */
export function useAuctionTx(chainId: number, chainName: string) {
  const { config } = useWallet();
  const router = useRouter();
  const [phase, setPhase] = useState<TxPhase>({ kind: "idle" });

  /** Sends with `send`; `done` says what a confirmation means ("Bid placed."). */
  async function run(send: () => Promise<Hex>, done: string): Promise<boolean> {
    setPhase({ kind: "wallet" });
    let hash: Hex | undefined;
    try {
      hash = await send();
      setPhase({ kind: "pending", hash });
      const { waitForTransactionReceipt } = await walletActions();
      const receipt = await waitForTransactionReceipt(requireConfig(config), { hash, chainId });
      if (receipt.status !== "success") {
        setPhase({ kind: "failed", hash, message: "The transaction was mined but reverted; nothing changed. Refresh the page and try again.", wrongNetwork: false });
        return false;
      }
      setPhase({ kind: "confirmed", hash, blockNumber: receipt.blockNumber, done });
      router.refresh();
      return true;
    } catch (error) {
      setPhase({ kind: "failed", hash, ...describeTxError(error, chainName) });
      if (error instanceof PriceChangedError) router.refresh();
      return false;
    }
  }

  return { phase, run, busy: phase.kind === "wallet" || phase.kind === "pending", reset: () => setPhase({ kind: "idle" }) };
}
