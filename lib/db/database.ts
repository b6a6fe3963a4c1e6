import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrate } from "./migrate";
import type { Database, Sql } from "./sql";

export type { Database, Sql } from "./sql";

function fromPglite(db: PGlite): Database {
  return {
    engine: "pglite",
    async query(text, params) {
      return (await db.query(text, params)).rows as never;
    },
    async exec(text) {
      await db.exec(text);
    },
    transaction(fn) {
      return db.transaction((tx) =>
        fn({
          query: async (text, params) => (await tx.query(text, params)).rows as never,
          exec: async (text) => void (await tx.exec(text)),
        }),
      );
    },
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
    : fromPglite(options.dir && options.dir !== "memory" ? new PGlite(options.dir) : new PGlite());
  await migrate(db);
  return db;
}
