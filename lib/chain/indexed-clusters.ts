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
  }));

export type IndexedCluster = z.output<typeof rowSchema>;

export type IndexScope = { chainId: number; auction: Address };

const columns =
  "cluster_id, ordinal, config_hash, block_number, block_time, tx_hash, vault, split, eigen_pod, average_score::text AS average_score, operators, bid_ids";

export const clusterSorts = ["newest", "oldest"] as const;

/** An operator's own clusters are few: pages read all of them, up to this many. */
export const ownClustersLimit = 1000;
export type ClusterSort = (typeof clusterSorts)[number];

/** A page of clusters, all or those an operator belongs to, with the total count. */
export async function listIndexedClusters(
  sql: Sql,
  scope: IndexScope,
  options: { operator?: Address; limit: number; offset: number; sort: ClusterSort },
): Promise<{ clusters: IndexedCluster[]; total: number }> {
  const params: unknown[] = [scope.chainId, scope.auction];
  let where = "chain_id = $1 AND auction = $2";
  if (options.operator) {
    params.push(getAddress(options.operator));
    where += ` AND $${params.length} = ANY(operators)`;
  }
  const order = options.sort === "oldest" ? "ordinal ASC" : "ordinal DESC";
  const paged = [...params, options.limit, options.offset];
  const [rows, [{ total }]] = await Promise.all([
    sql.query(`SELECT ${columns} FROM clusters WHERE ${where} ORDER BY ${order} LIMIT $${paged.length - 1} OFFSET $${paged.length}`, paged),
    sql.query<{ total: string | number }>(`SELECT count(*) AS total FROM clusters WHERE ${where}`, params),
  ]);
  return { clusters: rows.map((row) => rowSchema.parse(row)), total: Number(total) };
}

export async function findIndexedCluster(sql: Sql, scope: IndexScope, configHash: Hex): Promise<IndexedCluster | null> {
  const rows = await sql.query(
    `SELECT ${columns} FROM clusters WHERE chain_id = $1 AND auction = $2 AND config_hash = $3`,
    [scope.chainId, scope.auction, configHash.toLowerCase()],
  );
  return rows.length > 0 ? rowSchema.parse(rows[0]) : null;
}

/** The last block the index has read (its cursor less one), or null before its first sync. */
export async function indexedThrough(sql: Sql, scope: IndexScope): Promise<bigint | null> {
  const rows = await sql.query<{ next_block: string | number }>(
    "SELECT next_block FROM index_cursor WHERE chain_id = $1 AND auction = $2",
    [scope.chainId, scope.auction],
  );
  return rows.length > 0 ? BigInt(rows[0].next_block) - 1n : null;
}
