"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** Re-renders the page on the server, which re-reads the chain. */
export function RefreshButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      // Not disabled while refreshing: a disabled button drops keyboard focus to the page body.
      onClick={() => {
        if (!pending) startTransition(() => router.refresh());
      }}
      aria-busy={pending}
      className={`inline-flex items-center gap-2 rounded-md border border-slate-700 px-3 py-1.5 text-sm text-slate-200 hover:border-orange-500 hover:text-white focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none ${pending ? "opacity-60" : ""}`}
    >
      <svg aria-hidden viewBox="0 0 20 20" className={`h-4 w-4 ${pending ? "motion-safe:animate-spin" : ""}`} fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M16.5 10a6.5 6.5 0 1 1-1.9-4.6M16.5 3.5v3.8h-3.8" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {pending ? "Refreshing…" : "Refresh"}
      <span role="status" className="sr-only">
        {pending ? "Refreshing the page" : ""}
      </span>
    </button>
  );
}
