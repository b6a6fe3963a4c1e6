"use client";

import { useState, type ReactNode } from "react";
import { requireConfig, useWallet } from "@/components/wallet/wallet-context";
import { PrimaryButton } from "@/components/sync/primary-button";
import { SwitchNetworkButton } from "@/components/wallet/problem-notice";
import type { AuctionAccount } from "@/lib/auction/auction-view";
import { auctionScore, BID_REPUTATION, bidPrice, dailyVcPrice } from "@/lib/auction/math";
import type { AuctionParameters, RankedBid } from "@/lib/auction/ranking";
import { placeBid, type Placement, type RankEntry } from "@/lib/auction/seats";
import { formatBasisPoints, formatDays, formatEth, formatInteger, formatScore } from "@/lib/format/number";
import { shortHex } from "@/lib/format/text";
import { sendBid, sendBidChange } from "./auction-writes";
import type { AuctionNetwork } from "./network";
import { NumberField } from "./number-field";
import { TxStatus } from "./tx-status";
import { useWalletState, type WalletState } from "./wallet-state";
import type { useAuctionTx } from "./use-auction-tx";

const maxUint32 = 0xffffffff;
const defaultDuration = 365;

function Figure({ label, children, note }: { label: string; children: ReactNode; note?: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs tracking-wide text-slate-400 uppercase">{label}</dt>
      <dd className="mt-1 text-lg font-semibold break-words text-white tabular-nums">{children}</dd>
      {note && <dd className="text-xs text-slate-400">{note}</dd>}
    </div>
  );
}

/** The preview's score is the one the contract stores: it scores every bid with reputation BID_REPUTATION. */
function scoreNote(account: AuctionAccount | null): string {
  const applied = `Scored with reputation ${BID_REPUTATION}, as the auction scores every bid today`;
  return account && account.reputation !== BID_REPUTATION
    ? `${applied}; your on-chain reputation (${formatInteger(account.reputation)}) is not used yet.`
    : `${applied}.`;
}

function placementText(p: Placement): string {
  if (!p.complete) return "An auction needs pending bids from four different operators; it cannot run yet.";
  if (p.seat !== null) return `Would win seat ${p.seat} of 4 if an auction ran now.`;
  if (p.passedOver) return "Your better bid already holds a seat: one seat per operator, so this one would wait.";
  return "Below the four winning bids: would not win a seat now.";
}

/**
 * Bid preparation: discount rate and duration by slider or number, a live preview computed with
 * the contract's own integer math (lib/auction/math), and the transaction. With `editing` it
 * changes that pending bid instead of placing a new one.
 */
export function BidForm({
  parameters,
  ranking,
  account,
  editing,
  network,
  tx,
  onCancelEdit,
  onDone,
}: {
  parameters: AuctionParameters;
  ranking: RankEntry[];
  account: AuctionAccount | null;
  editing: RankedBid | null;
  network: AuctionNetwork;
  tx: ReturnType<typeof useAuctionTx>;
  onCancelEdit: () => void;
  onDone: () => void;
}) {
  const { config } = useWallet();
  const wallet = useWalletState(account, network);
  const [discountRate, setDiscountRate] = useState<number | null>(editing?.discountRate ?? 0);
  const [duration, setDuration] = useState<number | null>(editing?.duration ?? Math.max(defaultDuration, parameters.minDuration));
  const { expectedDailyReturnWei: E, maxDiscountRate, minDuration } = parameters;

  const discountError =
    discountRate === null
      ? "Enter a percentage with at most two decimals."
      : discountRate < 0 || discountRate > maxDiscountRate
        ? `The discount rate is between 0 % and ${formatBasisPoints(maxDiscountRate)}.`
        : null;
  const durationError =
    duration === null || !Number.isInteger(duration)
      ? "Enter a whole number of days."
      : duration < minDuration
        ? `The auction asks for at least ${formatDays(minDuration)}.`
        : duration > maxUint32
          ? `At most ${formatDays(maxUint32)}.`
          : null;
  const valid = discountError === null && durationError === null && discountRate !== null && duration !== null;

  const price = valid ? bidPrice(E, discountRate, duration) : null;
  const score = valid ? auctionScore(E, discountRate, duration, BID_REPUTATION) : null;
  const placement = score !== null && wallet === "ready" && account ? placeBid(ranking, { nodeOp: account.address, auctionScore: score, replaces: editing?.bidId }) : null;
  const topUp = editing && price !== null ? (price > editing.bidPrice ? price - editing.bidPrice : 0n) : null;
  const refund = editing && price !== null && editing.bidPrice > price ? editing.bidPrice - price : 0n;
  const unchanged = editing !== null && editing.discountRate === discountRate && editing.duration === duration;

  async function submit() {
    if (!valid || price === null || !account) return;
    const target = { auction: network.auction, chainId: network.chainId, account: account.address };
    const ok = await tx.run(() =>
      editing
        ? sendBidChange(requireConfig(config), target, { bidId: editing.bidId, discountRate, duration, shownTopUp: topUp ?? 0n })
        : sendBid(requireConfig(config), target, { discountRate, duration, shownPrice: price }),
      editing ? "Bid changed." : "Bid placed.",
    );
    if (ok) onDone();
  }

  return (
    <section aria-labelledby="bid-heading" className={`space-y-5 rounded-lg border p-4 ${editing ? "border-orange-500" : "border-slate-800"} bg-slate-900/60`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="bid-heading" className="text-lg font-semibold">
          {editing ? "Change your bid" : "Prepare a bid"}
        </h2>
        {editing && (
          <span className="text-xs text-slate-400">
            Bid <span className="font-mono">{shortHex(editing.bidId)}</span>, now {formatBasisPoints(editing.discountRate)} for {formatDays(editing.duration)}
          </span>
        )}
      </div>

      <NumberField
        label="Discount rate"
        unit="%"
        scale={100}
        value={discountRate}
        onChange={setDiscountRate}
        min={0}
        max={maxDiscountRate}
        error={discountError}
        hint={`0 – ${formatBasisPoints(maxDiscountRate)}: the share of the validator's expected reward you give up`}
        disabled={tx.busy}
      />
      <NumberField
        label="Duration"
        unit="days"
        value={duration}
        onChange={setDuration}
        min={minDuration}
        max={maxUint32}
        sliderMax={Math.max(minDuration * 4, 3650)}
        error={durationError}
        hint={`at least ${formatDays(minDuration)} of validation bought up front`}
        disabled={tx.busy}
      />

      <dl aria-label="Preview" className="grid grid-cols-1 gap-4 rounded-md border border-slate-800 bg-slate-950/60 p-3 sm:grid-cols-2">
        <Figure label="VC price (per day)">{valid ? formatEth(dailyVcPrice(E, discountRate), 8) : "—"}</Figure>
        <Figure
          label="Bid price"
          note={
            topUp !== null
              ? topUp > 0n
                ? `You pay ${formatEth(topUp, 8)} more now.`
                : refund > 0n
                  ? `The auction refunds you ${formatEth(refund, 8)}.`
                  : "Nothing to pay."
              : "Held in escrow; refunded if you withdraw."
          }
        >
          <span title={price !== null ? `${price} wei` : undefined}>{price !== null ? formatEth(price, 8) : "—"}</span>
        </Figure>
        <Figure label="Auction score" note={scoreNote(account)}>
          <span title={score !== null ? `${score}` : undefined} data-testid="preview-score">
            {score !== null ? formatScore(score) : "—"}
          </span>
        </Figure>
        <Figure label="Rank" note={placement ? placementText(placement) : undefined}>
          {placement ? `#${placement.rank} of ${placement.of}` : "—"}
        </Figure>
      </dl>

      {account && (
        <p className="text-sm text-slate-400">
          Your on-chain reputation: <span className="text-slate-200 tabular-nums">{formatInteger(account.reputation)}</span> — not used yet: every bid
          scores with {BID_REPUTATION}.
        </p>
      )}

      <WalletGate state={wallet} account={account} network={network}>
        <PrimaryButton
          onClick={submit}
          busy={tx.busy}
          progress={null}
          disabled={!valid || unchanged}
          beside={
            <>
              {editing && (
                <button type="button" onClick={onCancelEdit} disabled={tx.busy} className="text-sm text-slate-300 hover:text-white disabled:opacity-50">
                  Cancel the change
                </button>
              )}
              {unchanged && <span className="text-sm text-slate-400">Move a slider to change the bid.</span>}
            </>
          }
        >
          {editing ? "Change bid" : "Bid"}
          {price !== null && !editing && ` · ${formatEth(price, 6)}`}
        </PrimaryButton>
      </WalletGate>
      <TxStatus phase={tx.phase} network={network} />
    </section>
  );
}

/** The bid button for a wallet that can bid; otherwise why it cannot, and what to do. */
function WalletGate({ state, account, network, children }: { state: WalletState; account: AuctionAccount | null; network: AuctionNetwork; children: ReactNode }) {
  switch (state) {
    case "ready":
      return children;
    case "disconnected":
      return <p className="text-sm text-slate-300">Connect your operator wallet (top right) to bid.</p>;
    case "loading":
      return (
        <p role="status" className="text-sm text-slate-400">
          Reading your operator account…
        </p>
      );
    case "wrong-network":
      return (
        <div className="space-y-2 text-sm text-slate-300">
          <p>Your wallet is on another network; the auction is on {network.chainName}.</p>
          <SwitchNetworkButton network={network} />
        </div>
      );
    case "not-whitelisted":
      return (
        <div role="note" className="rounded-md border border-slate-700 bg-slate-950/60 p-3 text-sm text-slate-300">
          <p className="font-medium text-white">This wallet cannot bid: it is not whitelisted.</p>
          <p className="mt-1">
            Byzantine&apos;s auction only accepts bids from node operators it has whitelisted, and the contract refuses any other wallet (
            <code>NotWhitelisted</code>). Connect your whitelisted operator wallet, or ask Byzantine to whitelist{" "}
            <span className="font-mono">{account ? shortHex(account.address) : "this address"}</span>.
          </p>
        </div>
      );
  }
}
