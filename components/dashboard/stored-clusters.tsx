import Link from "next/link";
import { ChainUnavailableNotice, Unavailable } from "@/components/chain/chain-unavailable-notice";
import { Pagination } from "@/components/ui/pagination";
import type { StoredDashboard } from "@/lib/clusters/dashboard";
import { formatDate, shortHex } from "@/lib/format/text";
import { TableScroll } from "@/components/ui/table-scroll";

/** The dashboard while the chain node does not answer: the indexed clusters, without what the chain says of them. */
export function StoredClusters({ dashboard, query }: { dashboard: StoredDashboard; query: Record<string, string> }) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <ChainUnavailableNotice asOfBlock={dashboard.asOfBlock} catchingUp={dashboard.catchingUp}>
        Status and account figures come from the chain and are shown once it can be read.
      </ChainUnavailableNotice>
      {dashboard.clusters.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-700 p-10 text-center text-slate-400">No indexed cluster to show.</div>
      ) : (
        <TableScroll label="Clusters" className="rounded-lg border border-slate-800">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-900/80 text-xs tracking-wide text-slate-400 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Cluster</th>
                <th scope="col" className="px-4 py-3 font-medium">Config hash</th>
                <th scope="col" className="px-4 py-3 font-medium">Created</th>
                <th scope="col" className="px-4 py-3 font-medium">Operators</th>
                <th scope="col" className="px-4 py-3 font-medium">Status</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.clusters.map((c) => (
                <tr key={c.configHash} className="border-t border-slate-800">
                  <td className="px-4 py-3">
                    <Link href={`/clusters/${c.configHash}`} className="text-orange-300 hover:underline">{c.name}</Link>
                  </td>
                  <td className="px-4 py-3 font-mono text-xs">{shortHex(c.configHash, 6)}</td>
                  <td className="px-4 py-3">{formatDate(c.createdAt)}</td>
                  <td className="px-4 py-3 tabular-nums">{c.operators}</td>
                  <td className="px-4 py-3"><Unavailable /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination page={dashboard.page} pageSize={dashboard.pageSize} total={dashboard.total} path="/" query={query} noun="clusters" />
    </div>
  );
}
