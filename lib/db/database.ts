import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrate } from "./migrate";
import { copyPgliteTemplate, discardPgliteTemplate } from "./pglite-template";
import type { Database, Sql } from "./sql";

export type { Database, Sql } from "./sql";

const writeStatement = /\b(insert|update|delete|truncate|create|drop|alter)\b/i;
/** A plain INSERT, UPDATE or DELETE: when it affected no row it changed nothing, and no row trigger ran. */
const rowStatement = /^\s*(insert|update|delete)\b/i;

/**
 * Whether a statement may have changed the store. A write that matched no row is not one: the
 * watcher's outbox claim runs every round and mostly finds nothing, and counting it would make
 * every kept page (lib/http/page-cache.ts) stale every round.
 */
function changedStore(text: string, affectedRows: number | undefined): boolean {
  return writeStatement.test(text) && !(rowStatement.test(text) && affectedRows === 0);
}

function fromPglite(db: PGlite): Database {
  let writes = 0;
  // Counted once the write is visible: a reader that saw the count before it cannot see it after.
  // A failed statement was rolled back and marks nothing; a script (exec) marks itself before it
  // runs, as it may stop partway; a failed transaction may be counted, which only costs a render.
  const counted = async <T,>(run: (changed: () => void) => Promise<T>) => {
    let changed = false;
    try {
      return await run(() => (changed = true));
    } finally {
      if (changed) writes++;
    }
  };
  const query = async (on: Pick<PGlite, "query">, text: string, params: unknown[] | undefined, changed: () => void) => {
    const result = await on.query(text, params);
    if (changedStore(text, result.affectedRows)) changed();
    return result.rows as never;
  };
  const exec = async (on: Pick<PGlite, "exec">, text: string, changed: () => void) => {
    changed();
    await on.exec(text);
  };
  return {
    engine: "pglite",
    query: (text, params) => counted((changed) => query(db, text, params, changed)),
    exec: (text) => counted((changed) => exec(db, text, changed)),
    transaction: (fn) =>
      counted((changed) => db.transaction((tx) => fn({ query: (text, params) => query(tx, text, params, changed), exec: (text) => exec(tx, text, changed) }))),
    writes: () => writes,
    close: () => db.close(),
  };
}

function fromPool(pool: pg.Pool): Database {
  return {
    engine: "postgres",
    async query(text, params) {
      return (await pool.query(text, params)).rows;
    },
    async exec(text) {
      await pool.query(text);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn({
          query: async (text, params) => (await client.query(text, params)).rows,
          exec: async (text) => void (await client.query(text)),
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    writes: () => null,
    close: () => pool.end(),
  };
}

// int8 and numeric come back as strings from node-postgres; PGlite returns bigint/strings too.
// Callers convert with Number()/BigInt() at the edge, so both engines behave the same.

/**
 * Opens the store and brings its schema up to date: a PostgreSQL server when `url` is given,
 * otherwise embedded PGlite in `dir` ("memory" keeps it in memory, for tests).
 */
export async function openDatabase(options: { url?: string; dir?: string }): Promise<Database> {
  const db = options.url
    ? fromPool(new pg.Pool({ connectionString: options.url, max: 10 }))
    : fromPglite(options.dir && options.dir !== "memory" ? await openPgliteDir(options.dir) : new PGlite());
  await migrate(db);
  return db;
}

// PostgreSQL's default is 128MB, all of it resident from the start in PGlite; the portal's store
// is tens of MB at 10,000 clusters (measured: 337 MB resident at start with the default, 212 MB).
const pgliteStartParams = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

/**
 * PGlite in a data directory. A new directory is a copy of the template of an empty cluster
 * (./pglite-template): initdb keeps ~450 MB in the process that runs it for as long as it lives
 * (measured: 795 MB resident after initdb, 338 MB after opening an existing directory).
 */
async function openPgliteDir(dir: string): Promise<PGlite> {
  if (existsSync(join(dir, "PG_VERSION"))) return PGlite.create(dir, { startParams: pgliteStartParams });
  const fromTemplate = async () => {
    await copyPgliteTemplate(dir);
    return PGlite.create(dir, { startParams: pgliteStartParams });
  };
  try {
    return await fromTemplate();
  } catch (error) {
    // A template left by another PGlite build (an upgrade keeps node_modules/.cache) is made again once.
    if (!(await discardPgliteTemplate())) throw error;
    await rm(dir, { recursive: true, force: true });
    return fromTemplate();
  }
}
