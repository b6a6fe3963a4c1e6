import "server-only";
import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import type { Sql } from "@/lib/db";

/** Queries over the cluster index (written by ./cluster-index). */

const hex = z.string().transform((s) => s as Hex);
const address = z.string().transform((s) => getAddress(s));

const rowSchema = z
  .object({
    cluster_id: hex,
    ordinal: z.coerce.number(),
    config_hash: hex,
    block_number: z.coerce.bigint(),
    block_time: z.coerce.date(),
    tx_hash: hex,
    vault: address,
    split: address,
    eigen_pod: address,
    average_score: z.coerce.bigint(),
    operators: z.array(address),
    bid_ids: z.array(hex),
    chain_status: z.coerce.number(),
    vcs: z.array(z.coerce.number()),
  })
  .transform((row) => ({
    clusterId: row.cluster_id,
    ordinal: row.ordinal,
    name: `Byzantine DV${row.ordinal}`,
    configHash: row.config_hash,
    blockNumber: row.block_number,
    createdAt: row.block_time,
    txHash: row.tx_hash,
    vault: row.vault,
    split: row.split,
    eigenPod: row.eigen_pod,
    averageScore: row.average_score,
    operators: row.operators,
    bidIds: row.bid_ids,
    /** The stored summary: chain status and each seat's VCs as last read from the chain. */
    stored: { status: row.chain_status, vcs: row.vcs },
  }));

/** A stored cluster with its stored summary. */
export type ListedCluster = z.output<typeof rowSchema>;
/** What the chain fixed for good when the cluster was created. */
export type IndexedCluster = Omit<ListedCluster, "stored">;

export type IndexScope = { chainId: number; auction: Address };

const columns =
  "cluster_id, ordinal, config_hash, block_number, block_time, tx_hash, vault, split, eigen_pod, average_score::text AS average_score, operators, bid_ids, chain_status, vcs";

export const clusterSorts = ["newest", "oldest"] as const;

/** The most clusters of one operator a page reads at once (the won bids of the auction page). */
export const ownClustersLimit = 1000;

export type ClusterSort = (typeof clusterSorts)[number];

/**
 * A page of clusters, all or those an operator has a seat in, with the total count. Both come
 * from indexes (ordinals are 1..n; an operator's seats are in cluster_members), so the cost of a
 * page does not grow with the number of clusters.
 */
export async function listIndexedClusters(
  sql: Sql,
  scope: IndexScope,
  options: { operator?: Address; limit: number; offset: number; sort: ClusterSort },
): Promise<{ clusters: ListedCluster[]; total: number }> {
  const order = options.sort === "oldest" ? "ASC" : "DESC";
  const [rows, [{ total }]] = options.operator
    ? await Promise.all([
        sql.query(
          `SELECT ${prefixed("c")} FROM cluster_members m
           JOIN clusters c ON c.chain_id = m.chain_id AND c.auction = m.auction AND c.ordinal = m.ordinal
           WHERE m.chain_id = $1 AND m.auction = $2 AND m.operator = $3
           ORDER BY m.ordinal ${order} LIMIT $4 OFFSET $5`,
          [scope.chainId, scope.auction, getAddress(options.operator), options.limit, options.offset],
        ),
        sql.query<{ total: string | number }>(
          "SELECT count(*) AS total FROM cluster_members WHERE chain_id = $1 AND auction = $2 AND operator = $3",
          [scope.chainId, scope.auction, getAddress(options.operator)],
        ),
      ])
    : await Promise.all([
        sql.query(
          `SELECT ${columns} FROM clusters WHERE chain_id = $1 AND auction = $2 ORDER BY ordinal ${order} LIMIT $3 OFFSET $4`,
          [scope.chainId, scope.auction, options.limit, options.offset],
        ),
        sql.query<{ total: string | number }>(
          "SELECT coalesce(max(ordinal), 0) AS total FROM clusters WHERE chain_id = $1 AND auction = $2",
          [scope.chainId, scope.auction],
        ),
      ]);
  return { clusters: rows.map((row) => rowSchema.parse(row)), total: Number(total) };
}

const prefixed = (table: string) => columns.split(", ").map((c) => `${table}.${c}`).join(", ");

/**
 * An operator's account figures over all its clusters, from the stored summaries in one query:
 * its clusters, the VCs it holds, and the clusters waiting on it. "Waiting" is the step machine
 * of lib/sync/steps (syncState) in SQL — its next step is an action when the cluster is not
 * finished (no lock, status before DEPOSITED) and the operator has no node registered, or every
 * operator has — and a test holds the two to the same answers.
 */
export async function accountFigures(sql: Sql, scope: IndexScope, operator: Address) {
  const [row] = await sql.query<{ clusters: string | number; vcs: string | number; waiting: string | number }>(
    `WITH mine AS (
       SELECT c.config_hash, c.chain_status, c.vcs[m.seat + 1] AS vcs, cardinality(c.operators) AS size
       FROM cluster_members m
       JOIN clusters c ON c.chain_id = m.chain_id AND c.auction = m.auction AND c.ordinal = m.ordinal
       WHERE m.chain_id = $1 AND m.auction = $2 AND m.operator = $3
     ), registered AS (
       SELECT r.config_hash, count(*) AS nodes, bool_or(r.operator = $3) AS mine
       FROM operator_registrations r JOIN mine ON mine.config_hash = r.config_hash GROUP BY r.config_hash
     )
     SELECT count(*) AS clusters, coalesce(sum(mine.vcs), 0) AS vcs,
       count(*) FILTER (WHERE mine.chain_status < 2 AND l.config_hash IS NULL
         AND (registered.mine IS NOT TRUE OR registered.nodes >= mine.size)) AS waiting
     FROM mine
     LEFT JOIN registered ON registered.config_hash = mine.config_hash
     LEFT JOIN cluster_locks l ON l.config_hash = mine.config_hash`,
    [scope.chainId, scope.auction, getAddress(operator)],
  );
  return { clusters: Number(row.clusters), vcsHeld: Number(row.vcs), waitingOnMe: Number(row.waiting) };
}

/**
 * Stores what the chain said at block `readAt` of clusters just read, where it differs from the
 * stored summary. A status that moved is recorded as an activity event with that block, in this
 * same statement (migration 8's trigger on clusters).
 */
export async function refreshSummaries(
  sql: Sql,
  scope: IndexScope,
  read: { cluster: ListedCluster; status: number; vcs: readonly number[] }[],
  readAt: bigint,
): Promise<void> {
  const changed = read.filter(
    ({ cluster, status, vcs }) => cluster.stored.status !== status || cluster.stored.vcs.join() !== vcs.join(),
  );
  if (changed.length === 0) return;
  await sql.query(
    `UPDATE clusters c SET chain_status = u.status, vcs = ARRAY(SELECT json_array_elements_text(u.vcs::json)::integer), status_block = $6
     FROM unnest($3::text[], $4::smallint[], $5::text[]) AS u(cluster_id, status, vcs)
     WHERE c.chain_id = $1 AND c.auction = $2 AND c.cluster_id = u.cluster_id`,
    [scope.chainId, scope.auction, changed.map((r) => r.cluster.clusterId), changed.map((r) => r.status), changed.map((r) => JSON.stringify(r.vcs)), readAt.toString()],
  );
}

/** Clusters whose status can still change (not EXITED), oldest first, from `afterOrdinal` on. */
export async function unfinishedClusters(sql: Sql, scope: IndexScope, afterOrdinal: number, limit: number): Promise<ListedCluster[]> {
  const rows = await sql.query(
    `SELECT ${columns} FROM clusters WHERE chain_id = $1 AND auction = $2 AND chain_status < 4 AND ordinal > $3 ORDER BY ordinal LIMIT $4`,
    [scope.chainId, scope.auction, afterOrdinal, limit],
  );
  return rows.map((row) => rowSchema.parse(row));
}

/** Indexed clusters with these config hashes (with their stored summaries). */
export async function clustersByConfigHash(sql: Sql, scope: IndexScope, configHashes: readonly string[]): Promise<ListedCluster[]> {
  if (configHashes.length === 0) return [];
  const rows = await sql.query(`SELECT ${columns} FROM clusters WHERE chain_id = $1 AND auction = $2 AND config_hash = ANY($3)`, [
    scope.chainId,
    scope.auction,
    [...new Set(configHashes.map((h) => h.toLowerCase()))],
  ]);
  return rows.map((row) => rowSchema.parse(row));
}

export async function findIndexedCluster(sql: Sql, scope: IndexScope, configHash: Hex): Promise<IndexedCluster | null> {
  const rows = await sql.query(
    `SELECT ${columns} FROM clusters WHERE chain_id = $1 AND auction = $2 AND config_hash = $3`,
    [scope.chainId, scope.auction, configHash.toLowerCase()],
  );
  return rows.length > 0 ? rowSchema.parse(rows[0]) : null;
}

/** The config hash of the cluster with this on-chain id (what explorers and contract events show), or null. */
export async function configHashOfClusterId(sql: Sql, scope: IndexScope, clusterId: Hex): Promise<Hex | null> {
  const rows = await sql.query<{ config_hash: string }>(
    "SELECT config_hash FROM clusters WHERE chain_id = $1 AND auction = $2 AND cluster_id = $3",
    [scope.chainId, scope.auction, clusterId.toLowerCase()],
  );
  return rows.length > 0 ? (rows[0].config_hash as Hex) : null;
}

/** The last block the index has read (its cursor less one), or null before its first sync. */
export async function indexedThrough(sql: Sql, scope: IndexScope): Promise<bigint | null> {
  const rows = await sql.query<{ next_block: string | number }>(
    "SELECT next_block FROM index_cursor WHERE chain_id = $1 AND auction = $2",
    [scope.chainId, scope.auction],
  );
  return rows.length > 0 ? BigInt(rows[0].next_block) - 1n : null;
}
