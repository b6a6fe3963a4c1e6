import type { Hex } from "viem";
import { z } from "zod";
import type { Sql } from "@/lib/db";

/**
 * Storage of verified partial exits and partial deposits (migration 7). Only signatures that
 * verified against the operator's public share reach it (./accept). Keys are lower-case hex.
 */

const hex = z.string().transform((s) => s.toLowerCase() as Hex);
const uint64 = z.union([z.string(), z.number()]).transform((v) => BigInt(v));

const exitRow = z
  .object({
    validator_pubkey: hex,
    share_index: z.coerce.number(),
    epoch: uint64,
    validator_index: uint64,
    signature: hex,
    received_at: z.coerce.date(),
  })
  .transform((r) => ({
    validatorPubkey: r.validator_pubkey,
    shareIndex: r.share_index,
    epoch: r.epoch,
    validatorIndex: r.validator_index,
    signature: r.signature,
    receivedAt: r.received_at,
  }));

export type StoredPartialExit = z.output<typeof exitRow>;
export type NewPartialExit = Omit<StoredPartialExit, "receivedAt">;

/** What a save did: a first partial, a newer message replacing the operator's earlier one, or the same again. */
export type SaveOutcome = "created" | "replaced" | "unchanged";

/**
 * Stores a row of `table`: inserted when new; on a conflict over `key` its other columns are
 * replaced only when one of them differs, so the same message again is "unchanged" (charon
 * retries). One statement, so concurrent posts cannot interleave.
 */
async function savePartial(sql: Sql, table: "partial_exits" | "partial_deposits", key: readonly string[], row: Record<string, string | number>): Promise<SaveOutcome> {
  const columns = Object.keys(row);
  const changing = columns.filter((column) => !key.includes(column));
  const rows = await sql.query<{ inserted: boolean }>(
    `INSERT INTO ${table} (${columns.join(", ")})
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})
     ON CONFLICT (${key.join(", ")}) DO UPDATE
       SET ${changing.map((column) => `${column} = EXCLUDED.${column}`).join(", ")}, received_at = now()
       WHERE (${changing.map((column) => `${table}.${column}`).join(", ")})
         IS DISTINCT FROM (${changing.map((column) => `EXCLUDED.${column}`).join(", ")})
     RETURNING (xmax = 0) AS inserted`,
    Object.values(row),
  );
  if (rows.length === 0) return "unchanged";
  return rows[0].inserted ? "created" : "replaced";
}

/**
 * Stores an operator's partial exit of a validator. Another message (a new epoch) replaces the
 * operator's earlier one, as the operator has changed its mind.
 */
export async function savePartialExit(sql: Sql, lockHash: Hex, exit: NewPartialExit): Promise<SaveOutcome> {
  return savePartial(sql, "partial_exits", ["lock_hash", "validator_pubkey", "share_index"], {
    lock_hash: lockHash.toLowerCase(),
    validator_pubkey: exit.validatorPubkey.toLowerCase(),
    share_index: exit.shareIndex,
    epoch: exit.epoch.toString(),
    validator_index: exit.validatorIndex.toString(),
    signature: exit.signature.toLowerCase(),
  });
}

/** The stored partial exit of one operator and validator, or null. */
export async function partialExitOf(sql: Sql, lockHash: Hex, validatorPubkey: Hex, shareIndex: number): Promise<StoredPartialExit | null> {
  const rows = await sql.query(
    "SELECT validator_pubkey, share_index, epoch, validator_index, signature, received_at FROM partial_exits WHERE lock_hash = $1 AND validator_pubkey = $2 AND share_index = $3",
    [lockHash.toLowerCase(), validatorPubkey.toLowerCase(), shareIndex],
  );
  return rows.length > 0 ? exitRow.parse(rows[0]) : null;
}

/** Every stored partial exit of a lock (or of one of its validators), by validator then share index. */
export async function partialExitsOf(sql: Sql, lockHash: Hex, validatorPubkey?: Hex): Promise<StoredPartialExit[]> {
  const rows = await sql.query(
    `SELECT validator_pubkey, share_index, epoch, validator_index, signature, received_at FROM partial_exits
     WHERE lock_hash = $1 AND ($2::text IS NULL OR validator_pubkey = $2) ORDER BY validator_pubkey, share_index`,
    [lockHash.toLowerCase(), validatorPubkey?.toLowerCase() ?? null],
  );
  return rows.map((row) => exitRow.parse(row));
}

/** Withdraws an operator's partial exit; false when none was stored. */
export async function deletePartialExit(sql: Sql, lockHash: Hex, validatorPubkey: Hex, shareIndex: number): Promise<boolean> {
  const rows = await sql.query("DELETE FROM partial_exits WHERE lock_hash = $1 AND validator_pubkey = $2 AND share_index = $3 RETURNING 1", [
    lockHash.toLowerCase(),
    validatorPubkey.toLowerCase(),
    shareIndex,
  ]);
  return rows.length > 0;
}

const depositRow = z
  .object({
    validator_pubkey: hex,
    share_index: z.coerce.number(),
    amount: uint64,
    withdrawal_credentials: hex,
    signature: hex,
  })
  .transform((r) => ({
    validatorPubkey: r.validator_pubkey,
    shareIndex: r.share_index,
    amountGwei: r.amount,
    withdrawalCredentials: r.withdrawal_credentials,
    signature: r.signature,
  }));

export type StoredPartialDeposit = z.output<typeof depositRow>;

/** Stores an operator's partial deposit of one amount; as partial exits, the same again is "unchanged". */
export async function savePartialDeposit(sql: Sql, lockHash: Hex, deposit: StoredPartialDeposit): Promise<SaveOutcome> {
  return savePartial(sql, "partial_deposits", ["lock_hash", "validator_pubkey", "amount", "share_index"], {
    lock_hash: lockHash.toLowerCase(),
    validator_pubkey: deposit.validatorPubkey.toLowerCase(),
    share_index: deposit.shareIndex,
    amount: deposit.amountGwei.toString(),
    withdrawal_credentials: deposit.withdrawalCredentials.toLowerCase(),
    signature: deposit.signature.toLowerCase(),
  });
}

/** The stored partial deposits of one validator, by amount then share index. */
export async function partialDepositsOf(sql: Sql, lockHash: Hex, validatorPubkey: Hex): Promise<StoredPartialDeposit[]> {
  const rows = await sql.query(
    `SELECT validator_pubkey, share_index, amount, withdrawal_credentials, signature FROM partial_deposits
     WHERE lock_hash = $1 AND validator_pubkey = $2 ORDER BY amount, share_index`,
    [lockHash.toLowerCase(), validatorPubkey.toLowerCase()],
  );
  return rows.map((row) => depositRow.parse(row));
}
