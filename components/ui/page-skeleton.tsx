import type { ReactNode } from "react";

/**
 * What a page shows while the server reads the chain (a route's loading.tsx): its heading when it
 * is known, a row of `cards` (grid classes in `grid`) and a table's place.
 */
export function PageSkeleton({ label, heading, cards, grid }: { label: string; heading?: ReactNode; cards: number; grid: string }) {
  return (
    <div role="status" aria-busy="true" aria-label={label} className="space-y-6 motion-safe:animate-pulse">
      {heading ?? <div className="h-8 w-48 rounded bg-slate-800" />}
      <div className={`grid gap-3 ${grid}`}>
        {Array.from({ length: cards }, (_, i) => (
          <div key={i} className="h-20 rounded-lg bg-slate-900" />
        ))}
      </div>
      <div className="h-64 rounded-lg bg-slate-900" />
    </div>
  );
}
