"use client";

import type { ReactNode } from "react";
import { useAccount } from "wagmi";
import { shortHex } from "@/lib/format/text";
import { useWallet } from "./wallet-context";

const buttonClass =
  "rounded-xl px-3.5 py-2 text-base font-bold focus-visible:ring-2 focus-visible:ring-orange-300 focus-visible:outline-none";

/**
 * The header's wallet button before RainbowKit has loaded: the account (opens RainbowKit's account
 * dialog), "Wrong network" (its network dialog) or "Connect Wallet"; each loads RainbowKit first.
 * `placeholder`: what shows while wagmi reconnects the cookie's account.
 */
export function AccountButton({ placeholder }: { placeholder: ReactNode }) {
  const { address, chainId, status } = useAccount();
  const { portal, connect, openDialog } = useWallet();
  if (status === "reconnecting" || status === "connecting") return placeholder;
  if (!address) {
    return (
      <button type="button" onClick={connect} className={`${buttonClass} bg-orange-500 text-slate-950 hover:bg-orange-400`}>
        Connect Wallet
      </button>
    );
  }
  if (chainId !== portal.chainId) {
    return (
      <button type="button" onClick={() => openDialog("chain")} className={`${buttonClass} bg-red-500 text-slate-950 hover:bg-red-400`}>
        Wrong network
      </button>
    );
  }
  return (
    <button
      type="button"
      onClick={() => openDialog("account")}
      title={address}
      className={`${buttonClass} bg-slate-800 font-mono text-sm text-white hover:bg-slate-700`}
    >
      <span className="sr-only">Account menu for </span>
      {shortHex(address)}
    </button>
  );
}
