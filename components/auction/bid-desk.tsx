"use client";

import { useState } from "react";
import type { AuctionAccount } from "@/lib/auction/auction-view";
import type { AuctionParameters, RankedBid } from "@/lib/auction/ranking";
import type { RankEntry } from "@/lib/auction/seats";
import { BidForm } from "./bid-form";
import type { AuctionNetwork } from "./network";
import { useAuctionTx } from "./use-auction-tx";
import { useWalletState } from "./wallet-state";
import { YourBids } from "./your-bids";

/**
 * The operator's side of the auction: the bid form and "Your bids", which share the bid being
 * changed. Transaction states live here so a confirmation outlives the refresh that follows it.
 */
export function BidDesk({
  parameters,
  ranking,
  account,
  network,
}: {
  parameters: AuctionParameters;
  ranking: RankEntry[];
  account: AuctionAccount | null;
  network: AuctionNetwork;
}) {
  const wallet = useWalletState(account, network);
  const formTx = useAuctionTx(network.chainId, network.chainName);
  const listTx = useAuctionTx(network.chainId, network.chainName);
  const [editingId, setEditingId] = useState<string | null>(null);
  // Only a bid still pending can be changed: after a refresh it may have won or gone.
  const editing: RankedBid | null = account?.pending.find((bid) => bid.bidId === editingId) ?? null;
  const mine = wallet !== "disconnected" && wallet !== "loading" && account;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <BidForm
        key={editing?.bidId ?? "new"}
        parameters={parameters}
        ranking={ranking}
        account={account}
        editing={editing}
        network={network}
        tx={formTx}
        onCancelEdit={() => setEditingId(null)}
        onDone={() => setEditingId(null)}
      />
      {mine ? (
        <YourBids
          account={mine}
          network={network}
          editingId={editing?.bidId ?? null}
          canSend={wallet === "ready" && !formTx.busy}
          tx={listTx}
          onChange={(bid) => {
            formTx.reset();
            setEditingId(bid.bidId);
          }}
          onWithdrawn={(bidId) => setEditingId((current) => (current === bidId ? null : current))}
        />
      ) : (
        <section className="rounded-lg border border-dashed border-slate-700 p-4 text-sm text-slate-400">
          <h2 className="mb-1 text-lg font-semibold text-slate-200">Your bids</h2>
          {wallet === "loading" ? "Reading your operator account…" : "Connect your operator wallet to see, change and withdraw your bids."}
        </section>
      )}
    </div>
  );
}
