"use client";

import { useState } from "react";
import { isAddressEqual, type Address, type Hex } from "viem";
import { CopyButton } from "@/components/ui/copy-button";
import { dkgCommands } from "@/lib/sync/dkg-command";

const variants = { docker: "Docker", plain: "charon binary" } as const;

/**
 * Step 3: the exact `charon dkg` command for this cluster, and who the ceremony still waits for.
 * Every node must run it at the same time, from the directory holding its `.charon` key.
 */
export function RunDkg({ address, configHash, origin, missing }: { address: Address; configHash: Hex; origin: string; missing: readonly Address[] }) {
  const [variant, setVariant] = useState<keyof typeof variants>("docker");
  const commands = dkgCommands(origin, configHash);
  const others = missing.filter((m) => !isAddressEqual(m, address));
  return (
    <div className="space-y-3">
      {others.length > 0 ? (
        <div className="text-sm text-slate-300">
          <p>
            Your node is registered. The DKG can start once {others.length === 1 ? "this operator registers" : `these ${others.length} operators register`}:
          </p>
          <ul aria-label="Operators still missing" className="mt-1 space-y-0.5 font-mono text-xs text-slate-400">
            {others.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-sm text-slate-300">
          Every operator is registered and the definition is complete. Agree on a time with the other operators: all nodes
          must run this command together, from the directory that holds <code className="rounded bg-slate-800 px-1">.charon/charon-enr-private-key</code>.
          charon publishes the lock to this portal when the ceremony succeeds.
        </p>
      )}
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
        <CopyButton value={commands[variant]} label="Copy command" />
      </div>
    </div>
  );
}
