import type { Dashboard } from "@/lib/clusters/dashboard";
import { REPUTATION_NOTE } from "@/lib/auction/math";
import { formatInteger } from "@/lib/format/number";
import { shortHex } from "@/lib/format/text";

function Stat({ label, value, highlight = false, note }: { label: string; value: string; highlight?: boolean; note?: string }) {
  return (
    <div className={`rounded-lg border p-4 ${highlight ? "border-orange-500 bg-orange-500/10" : "border-slate-800 bg-slate-900/60"}`}>
      <dt className="text-xs tracking-wide text-slate-400 uppercase">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold ${highlight ? "text-orange-300" : "text-white"}`}>{value}</dd>
      {note && <dd className="mt-1 text-xs text-slate-400">{note}</dd>}
    </div>
  );
}

/** The operator's account at a glance; every figure comes from the chain or the index. */
export function AccountStats({ account }: { account: NonNullable<Dashboard["account"]> }) {
  return (
    <section aria-labelledby="account-heading" className="space-y-3">
      <h2 id="account-heading" className="text-sm text-slate-400">
        Account <span className="font-mono text-slate-200">{shortHex(account.address)}</span>
        {!account.whitelisted && <span className="ml-2 rounded bg-slate-800 px-2 py-0.5 text-xs">not whitelisted</span>}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
        <Stat label="Clusters" value={formatInteger(account.clusters)} />
        <Stat label="Waiting on me" value={formatInteger(account.waitingOnMe)} highlight={account.waitingOnMe > 0} />
        <Stat label="Validators" value={formatInteger(account.validators)} />
        <Stat label="VCs held" value={formatInteger(account.vcsHeld)} />
        <Stat label="Reputation" value={formatInteger(account.reputation)} note={REPUTATION_NOTE} />
        <Stat label="Pending bids" value={formatInteger(account.pendingBids)} />
      </dl>
    </section>
  );
}
