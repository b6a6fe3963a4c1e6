import { describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { migrations } from "./migrations";
import { sharedPostgresSchema, suiteDatabase, testDatabases, withTestDatabase } from "./testing";

describe.each(testDatabases())("database on $name", (engine) => {
  const db = suiteDatabase(engine);

  it("creates the tables the portal uses, records each migration once, and migrating again changes nothing", async () => {
    const tables = async () =>
      (await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")).map((r) => r.table_name);
    // Written out by hand: the tables the storage modules query.
    expect(await tables()).toEqual(
      expect.arrayContaining(["schema_migrations", "index_cursor", "clusters", "terms_acceptances", "operator_registrations", "cluster_locks", "partial_exits", "partial_deposits"]),
    );
    const before = await db.query<{ id: number; applied_at: Date }>("SELECT id, applied_at FROM schema_migrations ORDER BY id");
    // One row per migration: ids need not be consecutive (branches take numbers ahead of merging).
    expect(before.map((r) => r.id)).toEqual(migrations.map((m) => m.id).sort((a, b) => a - b));
    await migrate(db);
    expect(await db.query("SELECT id, applied_at FROM schema_migrations ORDER BY id")).toEqual(before);
  });

  it("commits a transaction as a whole", async () => {
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO index_cursor (chain_id, auction, next_block) VALUES (1, 'a', 5)");
      await tx.query("INSERT INTO index_cursor (chain_id, auction, next_block) VALUES (1, 'b', 6)");
    });
    const rows = await db.query<{ auction: string }>("SELECT auction FROM index_cursor WHERE chain_id = 1 ORDER BY auction");
    expect(rows.map((r) => r.auction)).toEqual(["a", "b"]);
  });

  it("rolls back everything when one statement fails", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO index_cursor (chain_id, auction, next_block) VALUES (2, 'c', 1)");
        await tx.query("INSERT INTO index_cursor (chain_id, auction, next_block) VALUES (2, 'c', 2)");
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.query("SELECT 1 FROM index_cursor WHERE chain_id = 2")).toEqual([]);
  });
});

describe("PGlite's count of writes, which kept pages are checked against", () => {
  it("moves when a statement or transaction changed the store, and not for one that matched no row or failed", async () => {
    await withTestDatabase(async (db) => {
      const moved = async (run: () => Promise<unknown>) => {
        const before = db.writes()!;
        await run().catch(() => undefined);
        return db.writes()! - before;
      };
      const insert = "INSERT INTO index_cursor (chain_id, auction, next_block) VALUES (7, 'a', 1)";
      expect(await moved(() => db.query(insert))).toBe(1);
      expect(await moved(() => db.query("SELECT * FROM index_cursor"))).toBe(0);
      expect(await moved(() => db.query("UPDATE index_cursor SET next_block = 2 WHERE chain_id = 8"))).toBe(0);
      expect(await moved(() => db.query("UPDATE index_cursor SET next_block = 2 WHERE chain_id = 7"))).toBe(1);
      expect(await moved(() => db.query(`${insert} ON CONFLICT DO NOTHING`))).toBe(0);
      expect(await moved(() => db.query(`${insert} ON CONFLICT (chain_id, auction) DO UPDATE SET next_block = 3`))).toBe(1);
      expect(await moved(() => db.query("DELETE FROM index_cursor WHERE chain_id = 8"))).toBe(0);
      // The watcher's outbox claim, as it runs every round with nothing due.
      expect(await moved(() => db.query("UPDATE notification_outbox SET attempts = attempts + 1 WHERE delivered_at IS NULL RETURNING id"))).toBe(0);
      // A write inside another statement is counted whatever it returns.
      expect(await moved(() => db.query("WITH d AS (DELETE FROM index_cursor WHERE chain_id = 8 RETURNING 1) SELECT count(*) FROM d"))).toBe(1);
      expect(await moved(() => db.query(insert))).toBe(0); // a duplicate key: rolled back
      expect(await moved(() => db.transaction(async (tx) => tx.query("UPDATE index_cursor SET next_block = 4 WHERE chain_id = 8")))).toBe(0);
      expect(
        await moved(() =>
          db.transaction(async (tx) => {
            await tx.query("UPDATE index_cursor SET next_block = 4 WHERE chain_id = 8");
            await tx.query("UPDATE index_cursor SET next_block = 4 WHERE chain_id = 7");
          }),
        ),
      ).toBe(1);
      expect(await moved(() => db.exec("CREATE TABLE counted_scratch (id int)"))).toBe(1);
    });
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("several servers starting on one empty PostgreSQL", () => {
  it("migrate together without colliding", async () => {
    const shared = await sharedPostgresSchema(process.env.TEST_DATABASE_URL!);
    try {
      const dbs = await Promise.all(Array.from({ length: 4 }, () => shared.open()));
      const [{ count }] = await dbs[0].query<{ count: string }>("SELECT count(*) AS count FROM schema_migrations");
      expect(Number(count)).toBe(migrations.length);
      await Promise.all(dbs.map((db) => db.close()));
    } finally {
      await shared.drop();
    }
  });
});
