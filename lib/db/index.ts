import { getEnv } from "@/lib/env-node";
import { openDatabase, type Database } from "./database";

export type { Database, Sql } from "./database";

// Kept on globalThis so Next's dev reloads reuse one PGlite instance (it owns its directory).
const holder = globalThis as { portalDatabase?: Promise<Database> };

/** The process's store, opened and migrated on first use. */
export function getDatabase(): Promise<Database> {
  if (!holder.portalDatabase) {
    const env = getEnv();
    holder.portalDatabase = openDatabase({ url: env.DATABASE_URL, dir: env.PGLITE_DIR });
    holder.portalDatabase.catch(() => {
      holder.portalDatabase = undefined;
    });
  }
  return holder.portalDatabase;
}
