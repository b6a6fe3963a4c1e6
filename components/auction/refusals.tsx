import { auctionRefusals } from "@/lib/auction/errors";

/** What each of the auction contract's refusals means, as the transaction status would say it. */
export function Refusals() {
  return (
    <details className="rounded-lg border border-slate-800 bg-slate-900/60 p-4 text-sm">
      <summary className="cursor-pointer font-medium text-slate-200">When the auction refuses</summary>
      <dl className="mt-3 space-y-2">
        {auctionRefusals.map(({ name, sentence }) => (
          <div key={name}>
            <dt className="font-mono text-xs text-slate-400">{name}</dt>
            <dd className="text-slate-300">{sentence}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
