"use client";

import { SwitchNetworkButton } from "@/components/wallet/problem-notice";
import { formatInteger } from "@/lib/format/number";
import { explorerHref, shortHex } from "@/lib/format/text";
import type { AuctionNetwork } from "./network";
import type { TxPhase } from "./use-auction-tx";

function TxHash({ hash, network }: { hash: `0x${string}`; network: AuctionNetwork }) {
  return network.explorerUrl ? (
    <a className="font-mono text-orange-300 hover:underline" href={explorerHref(network.explorerUrl, "tx", hash)} target="_blank" rel="noreferrer">
      {shortHex(hash)}
    </a>
  ) : (
    <span className="font-mono" title={hash}>
      {shortHex(hash)}
    </span>
  );
}

/** Where a transaction stands, in words; a failure is an alert with what to do next. */
export function TxStatus({ phase, network }: { phase: TxPhase; network: AuctionNetwork }) {
  switch (phase.kind) {
    case "idle":
      return null;
    case "wallet":
      return (
        <p role="status" className="text-sm text-slate-300">
          Confirm the transaction in your wallet…
        </p>
      );
    case "pending":
      return (
        <p role="status" className="text-sm text-slate-300">
          <span aria-hidden className="mr-2 inline-block h-2 w-2 motion-safe:animate-pulse rounded-full bg-orange-400" />
          Pending: transaction <TxHash hash={phase.hash} network={network} /> is waiting to be mined…
        </p>
      );
    case "confirmed":
      return (
        <p role="status" className="text-sm text-green-300">
          {phase.done} Confirmed in block {formatInteger(phase.blockNumber)} (<TxHash hash={phase.hash} network={network} />).
        </p>
      );
    case "failed":
      return (
        <div role="alert" className="space-y-2 rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-200">
          <p>
            {phase.message}
            {phase.hash && (
              <>
                {" "}
                (<TxHash hash={phase.hash} network={network} />)
              </>
            )}
          </p>
          {phase.wrongNetwork && <SwitchNetworkButton network={network} />}
        </div>
      );
  }
}
