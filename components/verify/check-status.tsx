// The one visual for a check's outcome: green check, red cross or grey dash, each with words for
// screen readers (and a title on hover), so the colour is never the only signal.
import type { ReactNode } from "react";

export type Outcome = boolean | null;

const STYLES = {
  pass: { text: "passes", className: "bg-emerald-500/15 text-emerald-400 ring-emerald-500/40", path: "M5 10.5l3 3 7-7" },
  fail: { text: "fails", className: "bg-red-500/15 text-red-400 ring-red-500/40", path: "M6 6l8 8M14 6l-8 8" },
  absent: { text: "not present", className: "bg-slate-700/40 text-slate-400 ring-slate-600/60", path: "M6 10h8" },
} as const;

export const outcomeKey = (o: Outcome) => (o === true ? "pass" : o === false ? "fail" : "absent");

export function CheckIcon({ outcome }: { outcome: Outcome }) {
  const s = STYLES[outcomeKey(outcome)];
  return (
    <span title={s.text} className={`inline-grid h-6 w-6 shrink-0 place-items-center rounded-full ring-1 ${s.className}`}>
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round">
        <path d={s.path} />
      </svg>
      <span className="sr-only">{s.text}</span>
    </span>
  );
}

/** A row of the results list: icon, what was checked, and the evidence beneath. */
export function CheckRow({ outcome, label, children }: { outcome: Outcome; label: ReactNode; children?: ReactNode }) {
  return (
    <li className="flex gap-3 py-2" data-outcome={outcomeKey(outcome)}>
      <CheckIcon outcome={outcome} />
      <div className="min-w-0 flex-1">
        <div className="font-medium text-slate-100">{label}</div>
        {children && <div className="mt-1 space-y-1 text-sm text-slate-400">{children}</div>}
      </div>
    </li>
  );
}
