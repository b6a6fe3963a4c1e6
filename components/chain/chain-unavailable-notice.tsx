import { formatInteger } from "@/lib/format/number";

/** Says that the chain node does not answer and how old the data shown is (the last indexed block). */
export function ChainUnavailableNotice({ asOfBlock, children }: { asOfBlock: bigint | null; children?: React.ReactNode }) {
  return (
    <div role="status" className="rounded-lg border border-amber-500/60 bg-amber-500/10 p-4 text-sm text-amber-100">
      {`The chain node is not answering; ${asOfBlock === null ? "nothing has been indexed yet" : `data as of block #${formatInteger(asOfBlock)}`}.`}
      {children && <> {children}</>}
    </div>
  );
}

/** The cell of a value only the chain can give. */
export function Unavailable() {
  return <span className="text-slate-500" title="The chain node is not answering">unavailable</span>;
}
