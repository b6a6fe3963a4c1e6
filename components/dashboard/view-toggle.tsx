import Link from "next/link";
import type { Address } from "viem";

/** "Mine" and "Global" as links, so each view has its own shareable URL. */
export function ViewToggle({ view, operator }: { view: "mine" | "global"; operator: Address | null }) {
  const tabs = [
    { key: "mine", label: "My clusters", href: operator ? `/?view=mine&operator=${operator}` : "/?view=mine" },
    { key: "global", label: "All clusters", href: "/?view=global" },
  ] as const;
  return (
    <nav aria-label="Cluster view" className="inline-flex rounded-lg border border-slate-800 p-1">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={view === tab.key ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 text-sm focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none ${
            view === tab.key ? "bg-slate-800 text-white" : "text-slate-400 hover:text-white"
          }`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
