"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A sidebar link that marks itself when its section is open. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  // A cluster page belongs to the dashboard's section (highlighted) but is not the dashboard page itself.
  const current = pathname === href;
  const active = current || (href === "/" ? pathname.startsWith("/clusters") : pathname.startsWith(href));
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium outline-none motion-safe:transition-colors focus-visible:ring-2 focus-visible:ring-orange-500 ${
        active ? "bg-slate-800 text-orange-400" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
      }`}
    >
      {children}
    </Link>
  );
}
