import "server-only";
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { readChainState } from "@/lib/chain/cluster-state";
import { accountFigures, clusterSorts, listIndexedClusters, refreshSummaries, type IndexScope } from "@/lib/chain/indexed-clusters";
import type { Sql } from "@/lib/db";
import { locksOf } from "@/lib/locks/storage";
import { readClustersSync } from "@/lib/sync/cluster-sync";
import { indexTarget, keptState, requireChain, storedIndexState, syncedIndex, type SyncedIndex } from "./index-target";
import { stampOf } from "./stamp";
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

/** Whose clusters a request asks for: the named operator, else the connected wallet; "mine" if either. */
function viewOf(query: DashboardQuery, connected: Address | null) {
  const operator = query.operator ?? connected ?? undefined;
  return { operator, view: query.view ?? (operator ? "mine" : "global") };
}

/** Which page of which view an answer is, for the page's links and GET /api/clusters. */
function pageOf(query: DashboardQuery, { operator, view }: ReturnType<typeof viewOf>, total: number) {
  return { view, operator: operator ?? null, page: query.page, pageSize, total, sort: query.sort };
}

/** The page of indexed clusters a view lists, from the store. */
function listedClusters(sql: Sql, scope: IndexScope, query: DashboardQuery, { operator, view }: ReturnType<typeof viewOf>) {
  if (view === "mine" && !operator) return Promise.resolve({ clusters: [], total: 0 });
  return listIndexedClusters(sql, scope, {
    operator: view === "mine" ? operator : undefined,
    limit: pageSize,
    offset: (query.page - 1) * pageSize,
    sort: query.sort,
  });
}

/**
 * Everything the dashboard shows, for one view: "mine" (the clusters of `operator`, with the
 * operator's account stats) or "global" (all clusters). Used by the page and GET /api/clusters.
 */
export async function getDashboard(query: DashboardQuery, connected: Address | null = null, synced?: SyncedIndex) {
  const index = synced ?? (await syncedIndex());
  const head = requireChain(index, "the clusters' on-chain state");
  const { operator, view } = viewOf(query, connected);
  // Only the rows on screen are read from the chain; the account's figures over all its
  // clusters come from the stored summaries.
  const [listed, figures] = await Promise.all([
    listedClusters(index.db, index, query, { operator, view }),
    operator ? accountFigures(index.db, index, operator) : null,
  ]);
  const shown = listed.clusters;
  const [state, locks] = await Promise.all([
    readChainState(index.client, index.auction, {
      clusterIds: shown.map((c) => c.clusterId),
      bidIds: shown.flatMap((c) => c.bidIds),
      operators: operator ? [operator] : [],
    }, { blockNumber: head }),
    locksOf(index.db, shown.map((c) => c.configHash)),
  ]);
  const chainOf = (c: (typeof shown)[number]) => state.clusters.get(c.clusterId)!;
  const [syncs] = await Promise.all([
    readClustersSync(
      index.db,
      shown.map((cluster) => ({ cluster, chainStatus: chainOf(cluster).status, hasLock: locks.has(cluster.configHash.toLowerCase() as Hex) })),
    ),
    refreshSummaries(index.db, index, shown.map((cluster) => ({ cluster, status: chainOf(cluster).status, vcs: chainOf(cluster).nodes.map((n) => n.currentVCNumber) })), head),
  ]);
  const summarize = (c: (typeof shown)[number]) => clusterSummary(c, state, syncs.get(c.configHash)!, operator ?? null);
  const me = operator ? state.operators.get(operator) : undefined;

  return {
    ...pageOf(query, { operator, view }, listed.total),
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

/** Bodies kept for one (head, store) state; distinct queries at one block beyond this are not kept. */
const maxKeptBodies = 256;
let kept: { state: string; bodies: Map<string, Promise<string>> } = { state: "", bodies: new Map() };

/**
 * GET /api/clusters's body (the dashboard with its stamp, as JSON). What a query answers changes
 * only with the chain head or a write to the store, so the body is built once per query for each
 * (head, writes) state and served as is to every request until one of them moves; a store other
 * processes write to (PostgreSQL) is read each time.
 */
export async function dashboardJson(query: DashboardQuery): Promise<string> {
  const index = await syncedIndex();
  const state = keptState(index);
  const build = async () => {
    const dashboard = await getDashboard(query, null, index);
    return JSON.stringify({ ...dashboard, stamp: stampOf(dashboard) });
  };
  if (state === null) return build();
  if (kept.state !== state) kept = { state, bodies: new Map() };
  const { bodies } = kept;
  const key = JSON.stringify(query);
  let body = bodies.get(key);
  if (!body) {
    body = build();
    if (bodies.size < maxKeptBodies) {
      bodies.set(key, body);
      body.catch(() => bodies.delete(key));
    }
  }
  return body;
}

/**
 * What the dashboard shows from the store alone, for when the chain node does not answer: the
 * indexed clusters of the view and the last indexed block; status and stats need the chain.
 */
export async function getStoredDashboard(query: DashboardQuery, connected: Address | null = null) {
  const index = await indexTarget();
  const { operator, view } = viewOf(query, connected);
  const listed = await listedClusters(index.db, index, query, { operator, view });
  return {
    ...pageOf(query, { operator, view }, listed.total),
    ...(await storedIndexState()),
    clusters: listed.clusters.map((c) => ({ configHash: c.configHash, name: c.name, createdAt: c.createdAt.toISOString(), operators: c.operators.length })),
  };
}

export type StoredDashboard = Awaited<ReturnType<typeof getStoredDashboard>>;
