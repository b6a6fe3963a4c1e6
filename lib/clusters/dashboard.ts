import "server-only";
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { readChainState } from "@/lib/chain/cluster-state";
import { clusterSorts, indexedThrough, listIndexedClusters, ownClustersLimit, type IndexScope } from "@/lib/chain/indexed-clusters";
import type { Sql } from "@/lib/db";
import { locksOf } from "@/lib/locks/storage";
import { readClustersSync } from "@/lib/sync/cluster-sync";
import { indexTarget, requireChain, syncedIndex } from "./index-target";
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

/** Which view a request asks for, and the page of indexed clusters it lists (from the store). */
async function listedClusters(sql: Sql, scope: IndexScope, query: DashboardQuery, connected: Address | null) {
  const operator = query.operator ?? connected ?? undefined;
  const view = query.view ?? (operator ? "mine" : "global");
  const offset = (query.page - 1) * pageSize;
  // An operator's own clusters are few: read them all for the account stats, page in memory.
  const mine = operator
    ? await listIndexedClusters(sql, scope, { operator, limit: ownClustersLimit, offset: 0, sort: query.sort })
    : { clusters: [], total: 0 };
  const listed =
    view === "mine"
      ? { clusters: mine.clusters.slice(offset, offset + pageSize), total: mine.total }
      : await listIndexedClusters(sql, scope, { limit: pageSize, offset, sort: query.sort });
  return { operator, view, mine, listed };
}

/**
 * Everything the dashboard shows, for one view: "mine" (the clusters of `operator`, with the
 * operator's account stats) or "global" (all clusters). Used by the page and GET /api/clusters.
 */
export async function getDashboard(query: DashboardQuery, connected: Address | null = null) {
  const index = await syncedIndex();
  requireChain(index, "the clusters' on-chain state");
  const { operator, view, mine, listed } = await listedClusters(index.db, index, query, connected);

  const shown = [...listed.clusters, ...mine.clusters];
  const [state, locks] = await Promise.all([
    readChainState(index.client, index.auction, {
      clusterIds: shown.map((c) => c.clusterId),
      bidIds: shown.flatMap((c) => c.bidIds),
      operators: operator ? [operator] : [],
    }),
    locksOf(index.db, shown.map((c) => c.configHash)),
  ]);
  const syncs = await readClustersSync(
    index.db,
    shown.map((cluster) => ({
      cluster,
      chainStatus: state.clusters.get(cluster.clusterId)!.status,
      hasLock: locks.has(cluster.configHash.toLowerCase() as Hex),
    })),
  );
  const summarize = (c: (typeof shown)[number]) => clusterSummary(c, state, syncs.get(c.configHash)!, operator ?? null);
  const own = mine.clusters.map(summarize);
  const me = operator ? state.operators.get(operator) : undefined;

  return {
    view,
    operator: operator ?? null,
    page: query.page,
    pageSize,
    total: listed.total,
    sort: query.sort,
    rows: listed.clusters.map(summarize),
    account:
      operator && me
        ? {
            address: operator,
            clusters: mine.total,
            waitingOnMe: own.filter((r) => r.actionRequired).length,
            validators: own.reduce((n, r) => n + r.validators, 0),
            vcsHeld: own.reduce((n, r) => n + (r.myVcs ?? 0), 0),
            reputation: me.reputationScore,
            pendingBids: me.numBidsCluster4 + me.numBidsCluster7,
            whitelisted: me.isWhitelisted,
          }
        : null,
  };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;

/**
 * What the dashboard shows from the store alone, for when the chain node does not answer: the
 * indexed clusters of the view and the last indexed block; status and stats need the chain.
 */
export async function getStoredDashboard(query: DashboardQuery, connected: Address | null = null) {
  const index = await indexTarget();
  const { operator, view, listed } = await listedClusters(index.db, index, query, connected);
  return {
    view,
    operator: operator ?? null,
    page: query.page,
    pageSize,
    total: listed.total,
    sort: query.sort,
    asOfBlock: await indexedThrough(index.db, index),
    clusters: listed.clusters.map((c) => ({ configHash: c.configHash, name: c.name, createdAt: c.createdAt.toISOString(), operators: c.operators.length })),
  };
}

export type StoredDashboard = Awaited<ReturnType<typeof getStoredDashboard>>;
