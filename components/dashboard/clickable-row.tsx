"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";

/** A table row that opens `href` on click; the name cell holds a real link for keyboards. */
export function ClickableRow({ href, children, highlight }: { href: string; children: ReactNode; highlight: boolean }) {
  const router = useRouter();
  return (
    <tr
      onClick={(event) => {
        if ((event.target as HTMLElement).closest("a,button")) return;
        router.push(href);
      }}
      className={`cursor-pointer border-t border-slate-800 hover:bg-slate-900 ${highlight ? "bg-orange-500/5" : ""}`}
    >
      {children}
    </tr>
  );
}
