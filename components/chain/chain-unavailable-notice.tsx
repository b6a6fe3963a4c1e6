import type { StaleIndex } from "@/lib/clusters/index-target";
import { formatInteger } from "@/lib/format/number";

/**
 * Says why the chain's data is missing — the node does not answer, or it does and the index is
 * still catching up (a first index of thousands of clusters) — and how old the data shown is.
 */
export function ChainUnavailableNotice({ asOfBlock, catchingUp, children }: StaleIndex & { children?: React.ReactNode }) {
  const age = asOfBlock === null ? "nothing has been indexed yet" : `data as of block #${formatInteger(asOfBlock)}`;
  const found = catchingUp?.found == null ? "" : `, ${formatInteger(catchingUp.found)} clusters found there`;
  return (
    <div role="status" className="rounded-lg border border-amber-500/60 bg-amber-500/10 p-4 text-sm text-amber-100">
      {catchingUp
        ? `The portal is catching up with the chain: indexing blocks #${formatInteger(catchingUp.fromBlock)} to #${formatInteger(catchingUp.toBlock)}${found}; ${age}.`
        : `The chain node is not answering; ${age}.`}
      {children && <> {children}</>}
    </div>
  );
}

/** The cell of a value only the chain can give. */
export function Unavailable() {
  return <span className="text-slate-400" title="Not read from the chain yet">unavailable</span>;
}
