"use client";

import Link from "next/link";
import { requireConfig, useWallet } from "@/components/wallet/wallet-context";
import type { AuctionAccount } from "@/lib/auction/auction-view";
import type { RankedBid } from "@/lib/auction/ranking";
import { formatBasisPoints, formatDays, formatEth } from "@/lib/format/number";
import { formatDate, shortHex } from "@/lib/format/text";
import { sendWithdrawal } from "./auction-writes";
import type { AuctionNetwork } from "./network";
import { TxStatus } from "./tx-status";
import type { useAuctionTx } from "./use-auction-tx";
import { Section } from "@/components/ui/section";

function standing(bid: RankedBid): string {
  if (bid.seat !== null) return `#${bid.position} · would win seat ${bid.seat}`;
  if (bid.passedOver) return `#${bid.position} · your better bid holds the seat`;
  return `#${bid.position} · no seat now`;
}

const buttonClass =
  "rounded-md border px-3 py-1 text-sm focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50";

/** The connected operator's pending bids (change, withdraw with its refund) and the bids it won. */
export function YourBids({
  account,
  network,
  editingId,
  canSend,
  tx,
  onChange,
  onWithdrawn,
}: {
  account: AuctionAccount;
  network: AuctionNetwork;
  editingId: string | null;
  /** The wallet is this account, whitelisted, on the auction's network. */
  canSend: boolean;
  tx: ReturnType<typeof useAuctionTx>;
  onChange: (bid: RankedBid) => void;
  onWithdrawn: (bidId: string) => void;
}) {
  const { config } = useWallet();
  const target = { auction: network.auction, chainId: network.chainId, account: account.address };

  async function withdraw(bid: RankedBid) {
    if (await tx.run(() => sendWithdrawal(requireConfig(config), target, bid.bidId), `Bid withdrawn; ${formatEth(bid.bidPrice, 6)} refunded.`)) onWithdrawn(bid.bidId);
  }

  return (
    <Section id="your-bids" title="Your bids" className="space-y-4 rounded-lg border border-slate-800 bg-slate-900/60 p-4">
      {account.pending.length === 0 ? (
        <p className="text-sm text-slate-400">
          {account.whitelisted ? "No pending bid. Prepare one with the form; it joins the ranking once mined." : "No pending bid: this wallet is not a whitelisted operator."}
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Pending bids">
          {account.pending.map((bid) => (
            <li
              key={bid.bidId}
              className={`space-y-2 rounded-md border p-3 ${editingId === bid.bidId ? "border-orange-500" : bid.seat !== null ? "border-orange-500/40" : "border-slate-800"}`}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <span className="font-mono text-slate-300" title={bid.bidId}>
                  {shortHex(bid.bidId)}
                </span>
                <span className={bid.seat !== null ? "text-orange-300" : "text-slate-400"}>{standing(bid)}</span>
              </div>
              <p className="text-sm text-slate-200">
                {formatBasisPoints(bid.discountRate)} discount for {formatDays(bid.duration)} · {formatEth(bid.bidPrice, 6)} in escrow
              </p>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  onClick={() => onChange(bid)}
                  disabled={!canSend || tx.busy || editingId === bid.bidId}
                  className={`${buttonClass} border-slate-700 text-slate-200 hover:border-orange-500`}
                >
                  Change
                </button>
                <button
                  type="button"
                  onClick={() => withdraw(bid)}
                  disabled={!canSend || tx.busy}
                  aria-label={`Withdraw bid ${shortHex(bid.bidId)} and get ${formatEth(bid.bidPrice, 6)} back`}
                  className={`${buttonClass} border-slate-700 text-slate-200 hover:border-red-400 hover:text-red-200`}
                >
                  Withdraw · refund {formatEth(bid.bidPrice, 6)}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <TxStatus phase={tx.phase} network={network} />

      {account.removed.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-sm font-medium text-slate-300">Removed by Byzantine</h3>
          <ul className="divide-y divide-slate-800 text-sm" aria-label="Removed bids">
            {account.removed.map((bid) => (
              <li key={bid.bidId} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <span className="font-mono text-slate-300" title={bid.bidId}>
                  {shortHex(bid.bidId)}
                </span>
                <span className="text-slate-400">
                  {formatBasisPoints(bid.discountRate)} · {formatDays(bid.duration)} · removed, {formatEth(bid.refund, 6)} refunded
                </span>
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-400">
            Byzantine&apos;s auction owner removed these bids (it may, for an operator that cheated or lost its keys); the auction sent each bid&apos;s price
            back to this wallet.
          </p>
        </div>
      )}

      <div className="space-y-2">
        <h3 className="text-sm font-medium text-slate-300">Won</h3>
        {account.won.length === 0 ? (
          <p className="text-sm text-slate-400">No bid of yours has won a seat yet.</p>
        ) : (
          <ul className="divide-y divide-slate-800 text-sm" aria-label="Won bids">
            {account.won.map((bid) => (
              <li key={bid.bidId} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <Link href={`/clusters/${bid.configHash}`} className="font-medium text-white hover:text-orange-300">
                  {bid.clusterName}
                </Link>
                <span className="text-slate-400">
                  {formatBasisPoints(bid.discountRate)} · {formatDays(bid.duration)} · {formatEth(bid.bidPrice, 6)} · {formatDate(bid.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Section>
  );
}
