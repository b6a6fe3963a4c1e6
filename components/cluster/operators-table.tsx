import { REPUTATION_NOTE } from "@/lib/auction/math";
import type { ReactNode } from "react";
import { ExplorerLink } from "@/components/ui/explorer-link";
import type { ClusterView } from "@/lib/clusters/cluster-page";
import { formatBasisPoints, formatDays, formatEth, formatInteger } from "@/lib/format/number";
import { TableScroll } from "@/components/ui/table-scroll";

/**
 * The four operators with what the chain says of them. `status` renders each operator's
 * synchronization pill (filled in by the sync flow).
 */
export function OperatorsTable({
  operators,
  status,
}: {
  operators: ClusterView["operators"];
  status: (address: string) => ReactNode;
}) {
  return (
    <section aria-labelledby="operators-heading" className="space-y-3">
      <h2 id="operators-heading" className="text-lg font-semibold">Operators</h2>
      <TableScroll label="Operators" className="rounded-lg border border-slate-800">
        <table className="w-full min-w-[48rem] text-left text-sm">
          <thead className="bg-slate-900/80 text-xs tracking-wide text-slate-400 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">#</th>
              <th scope="col" className="px-4 py-3 font-medium">Operator</th>
              <th scope="col" className="px-4 py-3 font-medium">Status</th>
              <th scope="col" className="px-4 py-3 font-medium">Reputation</th>
              <th scope="col" className="px-4 py-3 font-medium">VCs remaining</th>
              <th scope="col" className="px-4 py-3 font-medium">Bid</th>
            </tr>
          </thead>
          <tbody>
            {operators.map((op, i) => (
              <tr key={op.address} className="border-t border-slate-800">
                <td className="px-4 py-3 text-slate-400 tabular-nums">{i + 1}</td>
                <td className="px-4 py-3">
                  <ExplorerLink kind="address" value={op.address} />
                </td>
                <td className="px-4 py-3">{status(op.address)}</td>
                <td className="px-4 py-3 tabular-nums">{formatInteger(op.reputation)}</td>
                <td className="px-4 py-3 tabular-nums">{formatInteger(op.vcsRemaining)}</td>
                <td className="px-4 py-3 text-slate-300">
                  {formatBasisPoints(op.discountRate)} discount · {formatDays(op.durationDays)} · {formatEth(op.bidPriceWei)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="text-xs text-slate-400">Reputation is the on-chain score. {REPUTATION_NOTE}</p>
    </section>
  );
}
