import type { ReactNode } from "react";

/**
 * A wide table's horizontal scroll box. On a phone or at 200 % zoom its last columns are out of
 * view: the box takes keyboard focus (arrow keys scroll it) and is named for screen readers.
 */
export function TableScroll({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`overflow-x-auto focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none ${className}`}
    >
      {children}
    </div>
  );
}
