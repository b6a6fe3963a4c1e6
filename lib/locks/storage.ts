import "server-only";
import type { Hex } from "viem";
import { z } from "zod";
import type { Sql } from "@/lib/db";

/**
 * Storage of published cluster locks (migration 3): one per cluster, keyed by lock hash. Only
 * verified locks reach it (./accept); the write is one statement guarded by both keys, so two
 * concurrent posts of different locks for a cluster cannot both be stored.
 */

/** How a lock arrived: charon's `dkg --publish`, the cluster page's upload, or the devnet seed. */
export const lockSources = ["api", "upload", "seed"] as const;
export type LockSource = (typeof lockSources)[number];

const hex = z.string().transform((s) => s.toLowerCase() as Hex);

const metaColumns = "lock_hash, config_hash, received_at, posted_via, posted_by";

const metaRow = z
  .object({
    lock_hash: hex,
    config_hash: hex,
    received_at: z.coerce.date(),
    posted_via: z.enum(lockSources),
    posted_by: z.string(),
  })
  .transform((r) => ({ lockHash: r.lock_hash, configHash: r.config_hash, receivedAt: r.received_at, postedVia: r.posted_via, postedBy: r.posted_by }));

/** A stored lock without its body: what lists need. */
export type LockMeta = z.output<typeof metaRow>;
/** A stored lock with the JSON exactly as it was posted. */
export type StoredLock = LockMeta & { body: unknown };

// Both engines hand back a json column parsed; a driver configured otherwise would give text.
const parseBody = (body: unknown): unknown => (typeof body === "string" ? JSON.parse(body) : body);
const storedRow = (row: Record<string, unknown>): StoredLock => ({ ...metaRow.parse(row), body: parseBody(row.body) });

export type NewLock = { lockHash: Hex; configHash: Hex; body: unknown; postedVia: LockSource; postedBy: string };

export type SaveLockResult = { outcome: "created" | "unchanged"; lock: StoredLock } | { outcome: "conflict"; lock: StoredLock };

/**
 * Stores a verified lock. The same lock again is "unchanged" (charon retries, people re-upload);
 * another lock for a cluster that has one is a "conflict" carrying the stored one.
 */
export async function saveLock(sql: Sql, lock: NewLock): Promise<SaveLockResult> {
  const lockHash = lock.lockHash.toLowerCase();
  const configHash = lock.configHash.toLowerCase();
  const inserted = await sql.query(
    `INSERT INTO cluster_locks (lock_hash, config_hash, body, posted_via, posted_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING ${metaColumns}, body`,
    [lockHash, configHash, JSON.stringify(lock.body), lock.postedVia, lock.postedBy.slice(0, 500)],
  );
  if (inserted.length > 0) return { outcome: "created", lock: storedRow(inserted[0]) };

  // Nothing inserted: a row with this lock hash or this cluster was committed before ours.
  const existing = await sql.query(`SELECT ${metaColumns}, body FROM cluster_locks WHERE lock_hash = $1 OR config_hash = $2`, [lockHash, configHash]);
  const same = existing.find((row) => row.lock_hash === lockHash);
  if (same) {
    const stored = storedRow(same);
    // A lock hash names one definition, so the same hash under another cluster cannot happen.
    return stored.configHash === configHash ? { outcome: "unchanged", lock: stored } : { outcome: "conflict", lock: stored };
  }
  if (existing.length > 0) return { outcome: "conflict", lock: storedRow(existing[0]) };
  throw new Error(`lock ${lockHash} for ${configHash} was neither stored nor found`);
}

/** The lock of one cluster, or null. */
export async function lockOf(sql: Sql, configHash: Hex): Promise<StoredLock | null> {
  const rows = await sql.query(`SELECT ${metaColumns}, body FROM cluster_locks WHERE config_hash = $1`, [configHash.toLowerCase()]);
  return rows.length > 0 ? storedRow(rows[0]) : null;
}

/** The lock with this lock hash, or null. */
export async function lockByHash(sql: Sql, lockHash: Hex): Promise<StoredLock | null> {
  const rows = await sql.query(`SELECT ${metaColumns}, body FROM cluster_locks WHERE lock_hash = $1`, [lockHash.toLowerCase()]);
  return rows.length > 0 ? storedRow(rows[0]) : null;
}

/** Which of these clusters have a lock (without the bodies), keyed by config hash; one query for any number. */
export async function locksOf(sql: Sql, configHashes: readonly Hex[]): Promise<Map<Hex, LockMeta>> {
  const keys = [...new Set(configHashes.map((h) => h.toLowerCase() as Hex))];
  if (keys.length === 0) return new Map();
  const rows = await sql.query(`SELECT ${metaColumns} FROM cluster_locks WHERE config_hash = ANY($1)`, [keys]);
  return new Map(rows.map((row) => metaRow.parse(row)).map((meta) => [meta.configHash, meta]));
}
