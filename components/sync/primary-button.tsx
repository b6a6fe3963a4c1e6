"use client";

import type { ReactNode } from "react";

/** A form's one orange button, then what stands `beside` it (its other controls) and its progress while the wallet works. */
export function PrimaryButton({
  onClick,
  busy,
  progress,
  disabled = false,
  beside,
  children,
}: {
  onClick: () => void;
  busy: boolean;
  progress: string | null;
  disabled?: boolean;
  beside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={onClick}
        disabled={busy || disabled}
        className="rounded-md bg-orange-500 px-4 py-2 text-sm font-semibold text-slate-950 hover:bg-orange-400 focus-visible:ring-2 focus-visible:ring-orange-300 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50"
      >
        {children}
      </button>
      {beside}
      {progress && (
        <span role="status" className="text-sm text-slate-300">
          {progress}
        </span>
      )}
    </div>
  );
}
