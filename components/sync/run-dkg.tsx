"use client";

import { isAddressEqual, type Address, type Hex } from "viem";
import { CharonCommand } from "@/components/ui/charon-command";
import { dkgCommands } from "@/lib/sync/dkg-command";

/**
 * Step 3: the exact `charon dkg` command for this cluster, and who the ceremony still waits for.
 * Every node must run it at the same time, from the directory holding its `.charon` key.
 */
export function RunDkg({ address, configHash, origin, missing }: { address: Address; configHash: Hex; origin: string; missing: readonly Address[] }) {
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
      <CharonCommand commands={dkgCommands(origin, configHash)} />
    </div>
  );
}
