import Link from "next/link";
import type { ClusterSummary } from "@/lib/clusters/summary";
import { formatDays } from "@/lib/format/number";
import { formatDate } from "@/lib/format/text";
import { ClickableRow } from "./clickable-row";
import { Cell, DataTable } from "@/components/ui/data-table";

function period(row: ClusterSummary): string {
  if (row.myDays !== null) return formatDays(row.myDays);
  return row.shortestDays === row.longestDays
    ? formatDays(row.shortestDays)
    : `${row.shortestDays}–${formatDays(row.longestDays)}`;
}

/** One row per cluster; clicking a row opens the cluster. On phones, one card per cluster. */
export function ClusterTable({ rows }: { rows: ClusterSummary[] }) {
  return (
    <>
      <ul aria-label="Clusters" className="space-y-3 sm:hidden">
        {rows.map((row) => (
          <li key={row.clusterId}>
            <Link
              href={`/clusters/${row.configHash}`}
              // A cluster page streams behind its skeleton: prefetching 25 of them would download their code with the dashboard.
              prefetch={false}
              className={`block rounded-lg border p-4 focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none ${
                row.actionRequired ? "border-orange-500 bg-orange-500/5" : "border-slate-800 bg-slate-900/60"
              }`}
            >
              <span className="flex items-center justify-between gap-2">
                <span className="font-medium text-white">{row.name}</span>
                {row.actionRequired && (
                  <span className="rounded-full bg-orange-500 px-2 py-0.5 text-xs font-semibold text-slate-950">Action required</span>
                )}
              </span>
              <span className="mt-1 block text-sm text-slate-300">{row.status}</span>
              <span className="mt-2 block text-xs text-slate-400">
                {row.validators} validator · {row.operators} operators · {period(row)} · {formatDate(row.createdAt)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <ClusterRowsTable rows={rows} />
    </>
  );
}

function ClusterRowsTable({ rows }: { rows: ClusterSummary[] }) {
  return (
    <DataTable label="Clusters" className="hidden sm:block" minWidth="min-w-[44rem]" columns={["Cluster", "Validators", "Period", "Operators", "Status", "Created"]}>
      {rows.map((row) => (
        <ClickableRow key={row.clusterId} href={`/clusters/${row.configHash}`} highlight={row.actionRequired}>
          <Cell>
            <Link
              href={`/clusters/${row.configHash}`}
              // A cluster page streams behind its skeleton: prefetching 25 of them would download their code with the dashboard.
              prefetch={false}
              className="font-medium text-white hover:text-orange-300 focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none"
            >
              {row.name}
            </Link>
            {row.actionRequired && (
              <span className="ml-2 rounded-full bg-orange-500 px-2 py-0.5 text-xs font-semibold text-slate-950">Action required</span>
            )}
          </Cell>
          <Cell className="tabular-nums">{row.validators}</Cell>
          <Cell className="tabular-nums" title={row.myDays !== null ? "Your subscribed period" : "Range of the operators' periods"}>
            {period(row)}
          </Cell>
          <Cell className="tabular-nums">{row.operators}</Cell>
          <Cell>{row.status}</Cell>
          <Cell className="whitespace-nowrap text-slate-300">{formatDate(row.createdAt)}</Cell>
        </ClickableRow>
      ))}
    </DataTable>
  );
}
