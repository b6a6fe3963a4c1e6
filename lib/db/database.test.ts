import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./database";
import { migrate } from "./migrate";
import { migrations } from "./migrations";
import { testDatabases } from "./testing";

describe.each(testDatabases())("database on $name", ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db.close();
  });

  it("records every migration once, and migrating again changes nothing", async () => {
    await migrate(db);
    const rows = await db.query<{ id: number }>("SELECT id FROM schema_migrations ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
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
