import { Suspense } from "react";
import { renderHead } from "@/lib/chain/client";
import { storedIndexState } from "@/lib/clusters/index-target";
import { getEnv } from "@/lib/env";
import { formatInteger } from "@/lib/format/number";

/** The head the page itself reads at (no request of its own), or null when the node does not answer. */
async function latestBlock(): Promise<bigint | null> {
  try {
    return (await renderHead()).block;
  } catch {
    return null;
  }
}

/** The latest block, or why there is none: streamed, so the page's frame never waits on the chain node. */
export async function LatestBlock() {
  const block = await latestBlock();
  if (block !== null) {
    return (
      <span>
        Latest block: <span data-testid="latest-block" className="font-mono text-slate-200">#{formatInteger(block)}</span>
      </span>
    );
  }
  const indexed = (await storedIndexState()).asOfBlock;
  return (
    <span role="status" className="text-red-400">
      The chain node is not answering{indexed === null ? "" : `; data as of block #${formatInteger(indexed)}`}
    </span>
  );
}

/** Network and latest block, read on the server at each render; never the RPC URL (it may carry a provider key). */
export function Footer() {
  const env = getEnv();
  return (
    <footer className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-800 px-4 py-3 text-xs text-slate-400 md:px-8">
      <span>
        Network: <span className="text-slate-200">{env.CHAIN_NAME}</span> (chain {env.CHAIN_ID})
      </span>
      <Suspense fallback={<span>Latest block: …</span>}>
        <LatestBlock />
      </Suspense>
    </footer>
  );
}
