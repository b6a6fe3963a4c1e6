import type { Metadata } from "next";
import Link from "next/link";
import { WebhookPanel } from "@/components/activity/webhook-panel";
import { AccountStats } from "@/components/dashboard/account-stats";
import { ClusterTable } from "@/components/dashboard/cluster-table";
import { StoredClusters } from "@/components/dashboard/stored-clusters";
import { ViewToggle } from "@/components/dashboard/view-toggle";
import { LiveRefresh } from "@/components/live/live-refresh";
import { InvalidQuery } from "@/components/ui/invalid-query";
import { Pagination } from "@/components/ui/pagination";
import { RefreshButton } from "@/components/ui/refresh-button";
import { dashboardQuerySchema, getDashboard, getStoredDashboard } from "@/lib/clusters/dashboard";
import { stampOf } from "@/lib/clusters/stamp";
import { getEnv, publicConfig } from "@/lib/env";
import { isChainUnavailable } from "@/lib/http/unavailable";
import { connectedAccount } from "@/lib/wallet/connected-account";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = dashboardQuerySchema.safeParse(await searchParams);
  if (!parsed.success) return <InvalidQuery error={parsed.error} back="/" backLabel="Back to the dashboard" />;
  const connected = await connectedAccount();
  // Links carry an operator only when the URL named one: otherwise "mine" follows the wallet.
  const shared = parsed.data.operator;
  const linkQuery = (view: string, sort: string): Record<string, string> => ({ view, sort, ...(shared && view === "mine" ? { operator: shared } : {}) });
  let dashboard;
  try {
    dashboard = await getDashboard(parsed.data, connected);
  } catch (error) {
    if (!isChainUnavailable(error)) throw error;
    const stored = await getStoredDashboard(parsed.data, connected);
    return <StoredClusters dashboard={stored} query={linkQuery(stored.view, stored.sort)} />;
  }
  const { view, operator, rows } = dashboard;
  const query = linkQuery(view, dashboard.sort);
  // The same view as JSON: the operator is explicit there, since the API has no wallet cookie.
  const live = new URLSearchParams({ view, sort: dashboard.sort, page: String(dashboard.page), ...(operator ? { operator } : {}) });

  return (
    <div className="space-y-6">
      <LiveRefresh url={`/api/clusters?${live}`} stamp={stampOf(dashboard)} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <RefreshButton />
      </div>
      {dashboard.account && <AccountStats account={dashboard.account} />}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ViewToggle view={view} operator={shared ?? null} />
        <nav aria-label="Sort" className="flex gap-3 text-sm text-slate-400">
          {(["newest", "oldest"] as const).map((sort) => (
            <Link
              key={sort}
              href={`/?${new URLSearchParams({ ...query, sort })}`}
              aria-current={dashboard.sort === sort ? "true" : undefined}
              className={dashboard.sort === sort ? "text-white" : "hover:text-white"}
            >
              {sort === "newest" ? "Newest first" : "Oldest first"}
            </Link>
          ))}
        </nav>
      </div>
      {rows.length === 0 && dashboard.total > 0 ? (
        <div className="rounded-lg border border-dashed border-slate-700 p-10 text-center text-slate-400">
          There is no page {dashboard.page}. <Link href={`/?${new URLSearchParams(query)}`} className="text-orange-300 underline">Go to the first page</Link>
        </div>
      ) : rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-700 p-10 text-center text-slate-400">
          {view === "mine" && !operator
            ? "Connect your operator wallet to see your clusters, or browse all clusters."
            : view === "mine"
              ? "This operator is not in any cluster yet. Clusters appear here once an auction you won creates one."
              : "No cluster has been created on this network yet."}
        </div>
      ) : (
        <ClusterTable rows={rows} />
      )}
      <Pagination page={dashboard.page} pageSize={dashboard.pageSize} total={dashboard.total} path="/" query={query} noun="clusters" />
      {view === "mine" && operator && <WebhookPanel operator={operator} network={publicConfig(getEnv())} />}
    </div>
  );
}
