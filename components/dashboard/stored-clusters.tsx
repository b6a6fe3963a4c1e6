import Link from "next/link";
import { ChainUnavailableNotice, Unavailable } from "@/components/chain/chain-unavailable-notice";
import { Cell, DataTable, EmptyTable, Row } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import type { StoredDashboard } from "@/lib/clusters/dashboard";
import { formatDate, shortHex } from "@/lib/format/text";

/** The dashboard while the chain node does not answer: the indexed clusters, without what the chain says of them. */
export function StoredClusters({ dashboard, query }: { dashboard: StoredDashboard; query: Record<string, string> }) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <ChainUnavailableNotice asOfBlock={dashboard.asOfBlock} catchingUp={dashboard.catchingUp}>
        Status and account figures come from the chain and are shown once it can be read.
      </ChainUnavailableNotice>
      {dashboard.clusters.length === 0 ? (
        <EmptyTable>No indexed cluster to show.</EmptyTable>
      ) : (
        <DataTable label="Clusters" columns={["Cluster", "Config hash", "Created", "Operators", "Status"]}>
          {dashboard.clusters.map((c) => (
            <Row key={c.configHash}>
              <Cell>
                <Link href={`/clusters/${c.configHash}`} className="text-orange-300 hover:underline">{c.name}</Link>
              </Cell>
              <Cell className="font-mono text-xs">{shortHex(c.configHash, 6)}</Cell>
              <Cell>{formatDate(c.createdAt)}</Cell>
              <Cell className="tabular-nums">{c.operators}</Cell>
              <Cell><Unavailable /></Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Pagination page={dashboard.page} pageSize={dashboard.pageSize} total={dashboard.total} path="/" query={query} noun="clusters" />
    </div>
  );
}
