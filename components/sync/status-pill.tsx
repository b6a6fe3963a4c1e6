import type { OperatorState, OperatorStatus } from "@/lib/sync/steps";

const styles: Record<OperatorStatus, string> = {
  action: "border-orange-500/60 bg-orange-500/15 text-orange-300",
  done: "border-green-500/50 bg-green-500/15 text-green-300",
  waiting: "border-slate-600 bg-slate-800/60 text-slate-400",
};

const dots: Record<OperatorStatus, string> = { action: "bg-orange-400", done: "bg-green-400", waiting: "bg-slate-500" };

const meanings: Record<OperatorStatus, string> = {
  action: "action required",
  done: "done",
  waiting: "waiting on others",
};

/** An operator's synchronization status: orange action required, green done, grey waiting. */
export function StatusPill({ status, label }: { status: OperatorStatus; label: string }) {
  // The colour's meaning for those who cannot see it, unless the label already says it ("Done").
  const meaning = label.toLowerCase() === meanings[status] ? null : meanings[status];
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ${styles[status]}`}
    >
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${dots[status]}`} />
      {label}
      {meaning && <span className="sr-only"> ({meaning})</span>}
    </span>
  );
}

/** The pill of one operator of a cluster, for the operators table's `status` column. */
export function OperatorStatusPill({ sync, address }: { sync: { operators: readonly OperatorState[] }; address: string }) {
  const op = sync.operators.find((o) => o.address.toLowerCase() === address.toLowerCase());
  return op ? <StatusPill status={op.status} label={op.label} /> : null;
}
