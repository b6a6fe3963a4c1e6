import type { Database } from "./sql";
import { migrations } from "./migrations";

// Any constant works: it only has to be the same for every process that migrates this schema.
const migrationLockKey = 7_716_413;

/** Applies the migrations not yet recorded, in order, each in its own transaction. */
export async function migrate(db: Database): Promise<void> {
  // Under the lock too: two processes creating the table at once collide on PostgreSQL's catalog
  // even with IF NOT EXISTS.
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [migrationLockKey]);
    await tx.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
  });
  for (const migration of migrations) {
    await db.transaction(async (tx) => {
      // Several server processes may start together against one PostgreSQL.
      await tx.query("SELECT pg_advisory_xact_lock($1)", [migrationLockKey]);
      const done = await tx.query("SELECT 1 FROM schema_migrations WHERE id = $1", [migration.id]);
      if (done.length > 0) return;
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (id, name) VALUES ($1, $2)", [migration.id, migration.name]);
    });
  }
}
