"use client";

import { lazy, Suspense } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { shortHex } from "@/lib/format/text";
import { useWallet } from "./wallet-context";

const WalletStack = lazy(() => import("./wallet-stack"));

/**
 * The header's wallet button. Until the wallet stack is wanted it is a plain button that loads
 * the stack (and then opens RainbowKit's dialog); a visitor who only looks downloads none of it.
 * The stack renders in the browser only: RainbowKit's button does not render on the server.
 */
export function ConnectButton() {
  const wallet = useWallet();
  const mounted = useHydrated();
  const placeholder = wallet.address ? (
    // The cookie's account, while the stack loads and reconnects.
    <span aria-busy="true" className="rounded-xl bg-slate-800 px-3 py-2 font-mono text-sm font-semibold text-white">
      {shortHex(wallet.address)}
    </span>
  ) : (
    <button
      type="button"
      onClick={wallet.connect}
      aria-busy={wallet.wanted}
      className="rounded-xl bg-orange-500 px-3.5 py-2 text-base font-bold text-slate-950 hover:bg-orange-400 focus-visible:ring-2 focus-visible:ring-orange-300 focus-visible:outline-none"
    >
      Connect Wallet
    </button>
  );
  if (!wallet.wanted || !mounted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <WalletStack placeholder={placeholder} />
    </Suspense>
  );
}
