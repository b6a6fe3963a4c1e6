import type { AuctionParameters as Parameters } from "@/lib/auction/ranking";
import { formatBasisPoints, formatDays, formatEth, formatInteger } from "@/lib/format/number";

function Stat({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="rounded-lg border border-slate-800 bg-slate-900/60 p-4">
      <dt className="text-xs tracking-wide text-slate-400 uppercase">{label}</dt>
      <dd className="mt-1 text-xl font-semibold text-white tabular-nums sm:text-2xl">{value}</dd>
      <dd className="mt-1 text-xs text-slate-400">{note}</dd>
    </div>
  );
}

/** The contract's parameters, which bound every bid. */
export function AuctionParameters({ parameters, numBids }: { parameters: Parameters; numBids: number }) {
  return (
    <section aria-labelledby="parameters-heading">
      <h2 id="parameters-heading" className="sr-only">
        Auction parameters
      </h2>
      <dl className="grid grid-cols-2 gap-3 xl:grid-cols-4">
        <Stat label="Expected daily return" value={formatEth(parameters.expectedDailyReturnWei, 6)} note="per validator, shared by its 4 operators" />
        <Stat label="Max discount rate" value={formatBasisPoints(parameters.maxDiscountRate)} note="highest discount a bid may ask" />
        <Stat label="Min duration" value={formatDays(parameters.minDuration)} note="shortest validation period a bid may buy" />
        <Stat label="Pending bids" value={formatInteger(numBids)} note="waiting for the next cluster" />
      </dl>
    </section>
  );
}
