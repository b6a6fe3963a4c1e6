import { REPUTATION_NOTE } from "@/lib/auction/math";
import type { ReactNode } from "react";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { ExplorerLink } from "@/components/ui/explorer-link";
import type { ClusterView } from "@/lib/clusters/cluster-page";
import { formatBasisPoints, formatDays, formatEth, formatInteger } from "@/lib/format/number";
import { Section } from "@/components/ui/section";

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
    <Section id="operators" title="Operators" className="space-y-3">
      <DataTable label="Operators" minWidth="min-w-[48rem]" columns={["#", "Operator", "Status", "Reputation", "VCs remaining", "Bid"]}>
        {operators.map((op, i) => (
          <Row key={op.address}>
            <Cell className="text-slate-400 tabular-nums">{i + 1}</Cell>
            <Cell>
              <ExplorerLink kind="address" value={op.address} />
            </Cell>
            <Cell>{status(op.address)}</Cell>
            <Cell className="tabular-nums">{formatInteger(op.reputation)}</Cell>
            <Cell className="tabular-nums">{formatInteger(op.vcsRemaining)}</Cell>
            <Cell className="text-slate-300">
              {formatBasisPoints(op.discountRate)} discount · {formatDays(op.durationDays)} · {formatEth(op.bidPriceWei)}
            </Cell>
          </Row>
        ))}
      </DataTable>
      <p className="text-xs text-slate-400">Reputation is the on-chain score. {REPUTATION_NOTE}</p>
    </Section>
  );
}
