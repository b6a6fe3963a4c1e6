import "server-only";
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { readChainState } from "@/lib/chain/cluster-state";
import { accountFigures, clusterSorts, listIndexedClusters, refreshSummaries } from "@/lib/chain/indexed-clusters";
import { locksOf } from "@/lib/locks/storage";
import { readClustersSync } from "@/lib/sync/cluster-sync";
import { syncedIndex } from "./index-target";
import { clusterSummary } from "./summary";

export const pageSize = 25;

export const dashboardQuerySchema = z.object({
  view: z.enum(["mine", "global"]).optional(),
  operator: z
    .string()
    .refine((s) => isAddress(s, { strict: false }), "expected a 0x-prefixed 20-byte address")
    .transform((s) => getAddress(s))
    .optional(),
  page: z.coerce.number().int().min(1, "pages start at 1").max(100_000).default(1),
  sort: z.enum(clusterSorts).default("newest"),
});

export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

/**
 * Everything the dashboard shows, for one view: "mine" (the clusters of `operator`, with the
 * operator's account stats) or "global" (all clusters). Used by the page and GET /api/clusters.
 */
export async function getDashboard(query: DashboardQuery, connected: Address | null = null) {
  const operator = query.operator ?? connected ?? undefined;
  const view = query.view ?? (operator ? "mine" : "global");
  const index = await syncedIndex();
  const offset = (query.page - 1) * pageSize;

  // Only the rows on screen are read from the chain; the account's figures over all its
  // clusters come from the stored summaries.
  const [listed, figures] = await Promise.all([
    view === "mine" && !operator
      ? { clusters: [], total: 0 }
      : listIndexedClusters(index.db, index, { operator: view === "mine" ? operator : undefined, limit: pageSize, offset, sort: query.sort }),
    operator ? accountFigures(index.db, index, operator) : null,
  ]);
  const shown = listed.clusters;
  const [state, locks] = await Promise.all([
    readChainState(index.client, index.auction, {
      clusterIds: shown.map((c) => c.clusterId),
      bidIds: shown.flatMap((c) => c.bidIds),
      operators: operator ? [operator] : [],
    }),
    locksOf(index.db, shown.map((c) => c.configHash)),
  ]);
  const chainOf = (c: (typeof shown)[number]) => state.clusters.get(c.clusterId)!;
  const [syncs] = await Promise.all([
    readClustersSync(
      index.db,
      shown.map((cluster) => ({ cluster, chainStatus: chainOf(cluster).status, hasLock: locks.has(cluster.configHash.toLowerCase() as Hex) })),
    ),
    refreshSummaries(index.db, index, shown.map((cluster) => ({ cluster, status: chainOf(cluster).status, vcs: chainOf(cluster).nodes.map((n) => n.currentVCNumber) }))),
  ]);
  const summarize = (c: (typeof shown)[number]) => clusterSummary(c, state, syncs.get(c.configHash)!, operator ?? null);
  const me = operator ? state.operators.get(operator) : undefined;

  return {
    view,
    operator: operator ?? null,
    page: query.page,
    pageSize,
    total: listed.total,
    sort: query.sort,
    rows: shown.map(summarize),
    account:
      operator && me && figures
        ? {
            address: operator,
            clusters: figures.clusters,
            waitingOnMe: figures.waitingOnMe,
            // One validator per cluster.
            validators: figures.clusters,
            vcsHeld: figures.vcsHeld,
            reputation: me.reputationScore,
            pendingBids: me.numBidsCluster4 + me.numBidsCluster7,
            whitelisted: me.isWhitelisted,
          }
        : null,
  };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
