"use client";

import { useState } from "react";

/** Copies a value and says so for two seconds. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={copied ? "Copied" : `${label}: ${value}`}
      title={copied ? "Copied" : label}
      onClick={async (event) => {
        event.stopPropagation();
        await navigator.clipboard.writeText(value);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
      className="inline-grid h-6 w-6 place-items-center rounded text-slate-400 hover:bg-slate-800 hover:text-white focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none"
    >
      {copied ? (
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 text-green-400" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 10.5l4 4 8-9" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      ) : (
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6">
          <rect x="7" y="7" width="9" height="9" rx="1.5" />
          <path d="M4 13V5.5A1.5 1.5 0 0 1 5.5 4H13" />
        </svg>
      )}
    </button>
  );
}
