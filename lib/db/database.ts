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

function fromPglite(db: PGlite): Database {
  let writes = 0;
  // Counted once the write is visible: a reader that saw the count before it cannot see it after.
  const counted = async <T,>(write: boolean, run: () => Promise<T>) => {
    try {
      return await run();
    } finally {
      if (write) writes++;
    }
  };
  return {
    engine: "pglite",
    query: (text, params) => counted(writeStatement.test(text), async () => (await db.query(text, params)).rows as never),
    exec: (text) => counted(true, async () => void (await db.exec(text))),
    transaction: (fn) =>
      counted(true, () =>
        db.transaction((tx) =>
          fn({
            query: async (text, params) => (await tx.query(text, params)).rows as never,
            exec: async (text) => void (await tx.exec(text)),
          }),
        ),
      ),
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
