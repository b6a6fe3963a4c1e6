"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { CharonCommand as Command } from "@/lib/sync/dkg-command";

const variants = { docker: "Docker", plain: "charon binary" } as const;

/** A charon command as docker or the binary runs it, with a toggle between the two and a copy button. */
export function CharonCommand({ commands, label = "Copy command" }: { commands: Command; label?: string }) {
  const [variant, setVariant] = useState<keyof typeof variants>("docker");
  return (
    <div className="space-y-2">
      <div role="group" aria-label="How you run charon" className="flex gap-1">
        {(Object.keys(variants) as (keyof typeof variants)[]).map((key) => (
          <button
            key={key}
            type="button"
            aria-pressed={variant === key}
            onClick={() => setVariant(key)}
            className={`rounded-md px-3 py-1 text-sm focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none ${variant === key ? "bg-slate-800 text-white" : "text-slate-400 hover:text-white"}`}
          >
            {variants[key]}
          </button>
        ))}
      </div>
      <div className="flex items-start gap-2 rounded-md border border-slate-800 bg-slate-950 p-3">
        <pre className="flex-1 overflow-x-auto font-mono text-xs whitespace-pre-wrap break-all text-slate-100">
          <code>{commands[variant]}</code>
        </pre>
        <CopyButton value={commands[variant]} label={label} />
      </div>
    </div>
  );
}
