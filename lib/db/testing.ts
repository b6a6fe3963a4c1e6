import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
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
 * Opens `engine`'s database before the enclosing describe block's tests (ahead of the block's own
 * beforeAll hooks) and closes it after them. The handle it returns forwards to the opened one, so
 * a block can hand it to the handlers it tests before it is open.
 */
export function suiteDatabase(engine: TestDatabase): Database {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => {
    await db?.close();
  });
  const opened = () => {
    if (!db) throw new Error("suiteDatabase() is open inside tests and hooks only, after its beforeAll");
    return db;
  };
  return {
    get engine() {
      return opened().engine;
    },
    query: (text, params) => opened().query(text, params),
    exec: (text) => opened().exec(text),
    transaction: (fn) => opened().transaction(fn),
    writes: () => opened().writes(),
    close: () => opened().close(),
  };
}

/** Runs `fn` on a fresh in-memory PGlite database and closes it afterwards, whether `fn` threw or not. */
export async function withTestDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await testDatabases()[0].open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
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
