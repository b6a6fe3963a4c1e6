import { describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { migrations } from "./migrations";
import { sharedPostgresSchema, suiteDatabase, testDatabases } from "./testing";

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
