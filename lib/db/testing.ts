import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "./database";

export type TestDatabase = { name: string; open(): Promise<Database> };

/**
 * The engines every storage test runs on: embedded PGlite always, and the PostgreSQL server of
 * TEST_DATABASE_URL when set (CI sets it), each test database in a schema of its own.
 */
export function testDatabases(): TestDatabase[] {
  const engines: TestDatabase[] = [{ name: "pglite", open: () => openDatabase({ dir: "memory" }) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) engines.push({ name: "postgres", open: () => openPostgresSchema(url) });
  return engines;
}

/**
 * A fresh schema on the PostgreSQL server at `url` that any number of handles open, as several
 * portal processes share one database; `drop` removes it.
 */
export async function sharedPostgresSchema(url: string): Promise<{ open(): Promise<Database>; drop(): Promise<void> }> {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  return {
    open: () => openDatabase({ url: scoped.toString() }),
    async drop() {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

async function openPostgresSchema(url: string): Promise<Database> {
  const shared = await sharedPostgresSchema(url);
  const db = await shared.open();
  return {
    ...db,
    async close() {
      await db.close();
      await shared.drop();
    },
  };
}
