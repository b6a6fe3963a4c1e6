"use client";

import { useState } from "react";
import { requireConfig, useWallet, walletActions } from "@/components/wallet/wallet-context";
import type { WalletNetwork } from "./network";
import type { Problem } from "./wallet-error";

/** A failed step explained where it happened; a wrong network comes with the switch. */
export function ProblemNotice({ problem, network }: { problem: Problem | null; network: WalletNetwork }) {
  if (!problem) return null;
  return (
    <div role="alert" className="space-y-2 rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-200">
      <p>{problem.message}</p>
      {problem.kind === "wrong-network" && <SwitchNetworkButton network={network} />}
    </div>
  );
}

export function SwitchNetworkButton({ network }: { network: WalletNetwork }) {
  const { config } = useWallet();
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const switchChain = async ({ chainId }: { chainId: number }) => {
    setPending(true);
    setError(null);
    try {
      const actions = await walletActions();
      await actions.switchChain(requireConfig(config), { chainId });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setPending(false);
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={isPending}
        onClick={() => switchChain({ chainId: network.chainId })}
        className="rounded-md border border-orange-500 px-3 py-1 text-sm font-medium text-orange-300 hover:bg-orange-500/10 disabled:opacity-60"
      >
        {isPending ? "Switching…" : `Switch to ${network.chainName}`}
      </button>
      {error && <span className="text-red-300">The wallet did not switch: {error.name === "UserRejectedRequestError" ? "you declined." : (error as { shortMessage?: string }).shortMessage ?? error.message}</span>}
    </span>
  );
}
