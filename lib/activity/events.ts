import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import type { Sql } from "@/lib/db";
import { shortHex } from "@/lib/format/text";

/**
 * A cluster's activity: what happened on the chain and in the portal, as stored by migration 8's
 * triggers (each event in the transaction of the write it describes, under a natural key, so it
 * is neither lost nor doubled). Listed in the order the store learned of events, newest first.
 */

export const activityKinds = [
  "cluster-created",
  "terms-accepted",
  "node-registered",
  "definition-complete",
  "lock-published",
  "status-deposited",
  "status-verified",
  "status-exited",
  // An operator's partial exit of one validator at one epoch (migration 8's exits trigger).
  "exits-signed",
] as const;

export type ActivityKind = (typeof activityKinds)[number];

const address = z.string().transform((s) => getAddress(s));

const detailSchema = z
  .object({
    replaced: z.boolean().optional(),
    via: z.string().optional(),
    agent: z.string().optional(),
    lockHash: z.string().optional(),
    validator: z.string().optional(),
    epoch: z.string().optional(),
  })
  .loose();

const eventRow = z
  .object({
    id: z.coerce.string(),
    event_key: z.string(),
    config_hash: z.string().nullable(),
    kind: z.enum(activityKinds),
    actor: address.nullable(),
    occurred_at: z.coerce.date(),
    block_number: z.coerce.string().nullable(),
    tx_hash: z.string().nullable(),
    detail: z.preprocess((d) => (typeof d === "string" ? JSON.parse(d) : d), detailSchema),
  })
  .transform((r) => ({
    id: r.id,
    /** The event's natural key: the same in every store that saw it (feeds use it as the entry's id). */
    key: r.event_key,
    kind: r.kind,
    configHash: r.config_hash as Hex | null,
    actor: r.actor,
    at: r.occurred_at.toISOString(),
    blockNumber: r.block_number,
    txHash: r.tx_hash as Hex | null,
    title: titleOf(r.kind, r.actor, r.block_number, r.detail),
  }));

/** One event as routes and components get it (JSON-safe). */
export type ActivityEvent = z.output<typeof eventRow>;

const lockRoutes: Record<string, string> = {
  api: "by charon (dkg --publish)",
  upload: "by an upload on the cluster page",
  seed: "by the devnet seed",
};

/** The event in a sentence. */
function titleOf(kind: ActivityKind, actor: Address | null, block: string | null, detail: z.output<typeof detailSchema>): string {
  const who = actor ? shortHex(actor) : "Someone";
  const observed = block ? ` (observed in block ${block})` : "";
  switch (kind) {
    case "cluster-created":
      return "Cluster created on-chain by the auction";
    case "terms-accepted":
      return `${who} accepted the terms and conditions`;
    case "node-registered":
      return detail.replaced ? `${who} replaced its registered node` : `${who} registered its node`;
    case "definition-complete":
      return "Every operator registered: the definition is complete and the DKG can run";
    case "lock-published": {
      // lib/locks/handlers.ts names a request without a User-Agent "unknown client": nothing to add then.
      const agent = detail.agent && detail.agent !== "unknown client" ? ` (client "${detail.agent}")` : "";
      return `Lock published ${lockRoutes[detail.via ?? ""] ?? "to the portal"}${agent}`;
    }
    case "status-deposited":
      return `Deposited: the vault activated the validator${observed}`;
    case "status-verified":
      return `Active: the withdrawal credentials were verified${observed}`;
    case "status-exited":
      return `Exited${observed}`;
    case "exits-signed":
      return `${who} signed the exit of validator ${shortHex(detail.validator ?? "0x")} at epoch ${detail.epoch ?? "?"}`;
  }
}

const columns = "id, event_key, config_hash, kind, actor, occurred_at, block_number, tx_hash, detail";

export const activityPageSize = 25;

export const activityQuerySchema = z.object({
  page: z.coerce.number().int().min(1, "pages start at 1").max(10_000).default(1),
});

/**
 * A page of a cluster's events, newest first: its own, and the terms its operators accepted
 * (terms are signed once per address, for every cluster).
 */
export async function clusterActivity(
  sql: Sql,
  cluster: { configHash: Hex; operators: readonly Address[] },
  { page, pageSize = activityPageSize }: { page: number; pageSize?: number },
): Promise<{ events: ActivityEvent[]; page: number; pageSize: number; total: number }> {
  const where = "config_hash = $1 OR (config_hash IS NULL AND actor = ANY($2))";
  const params = [cluster.configHash.toLowerCase(), cluster.operators.map((a) => getAddress(a))];
  const [rows, [{ total }]] = await Promise.all([
    sql.query(`SELECT ${columns} FROM activity_events WHERE ${where} ORDER BY id DESC LIMIT $3 OFFSET $4`, [
      ...params,
      pageSize,
      (page - 1) * pageSize,
    ]),
    sql.query<{ total: string | number }>(`SELECT count(*) AS total FROM activity_events WHERE ${where}`, params),
  ]);
  return { events: rows.map((row) => eventRow.parse(row)), page, pageSize, total: Number(total) };
}

/** The newest events that concern `operator`: those of its clusters and its own terms. */
export async function operatorActivity(sql: Sql, scope: { chainId: number; auction: Address }, operator: Address, limit: number): Promise<ActivityEvent[]> {
  const rows = await sql.query(
    `SELECT ${columns} FROM activity_events
     WHERE config_hash IN (SELECT c.config_hash FROM cluster_members m
         JOIN clusters c ON c.chain_id = m.chain_id AND c.auction = m.auction AND c.ordinal = m.ordinal
         WHERE m.chain_id = $1 AND m.auction = $2 AND m.operator = $3)
       OR (config_hash IS NULL AND actor = $3)
     ORDER BY id DESC LIMIT $4`,
    [scope.chainId, scope.auction, getAddress(operator), limit],
  );
  return rows.map((row) => eventRow.parse(row));
}

/** Events by id (the outbox names them), keyed by id. */
export async function eventsById(sql: Sql, ids: readonly string[]): Promise<Map<string, ActivityEvent>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query(`SELECT ${columns} FROM activity_events WHERE id = ANY($1::bigint[])`, [[...new Set(ids)]]);
  return new Map(rows.map((row) => eventRow.parse(row)).map((e) => [e.id, e]));
}
