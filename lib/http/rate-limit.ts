import type { Sql } from "@/lib/db/database";

/**
 * Requests per client address and minute, counted in fixed one-minute windows. Writes (which
 * verify signatures, each a chain call) and reads (most of which read the chain) have limits of
 * their own. Counters live in PostgreSQL when several portal instances share one (the limit then
 * holds across them), otherwise in this process's memory.
 */

export type RequestKind = "write" | "read";

const WINDOW_MS = 60_000;
const writeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function requestKind(method: string | undefined): RequestKind {
  return writeMethods.has((method ?? "GET").toUpperCase()) ? "write" : "read";
}

/** Where the counts of each (bucket, window) are kept; `hit` adds one and returns the new count. */
export type CounterStore = { hit(bucket: string, window: number): Promise<number> };

/** Counters in this process; windows older than the previous one are dropped as time moves on. */
export function memoryCounters(): CounterStore {
  const counts = new Map<string, number>();
  let latest = 0;
  return {
    async hit(bucket, window) {
      if (window > latest) {
        latest = window;
        for (const key of counts.keys()) if (Number(key.slice(0, key.indexOf(" "))) < window) counts.delete(key);
      }
      const key = `${window} ${bucket}`;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return count;
    },
  };
}

/** Counters in the rate_limit_counters table (migration 4), shared by every instance on the database. */
export function databaseCounters(db: () => Promise<Sql>): CounterStore {
  let swept = 0;
  return {
    async hit(bucket, window) {
      const sql = await db();
      // Once per window and instance: the table holds only the current and the previous windows.
      if (window > swept) {
        swept = window;
        await sql.query("DELETE FROM rate_limit_counters WHERE window_start < $1", [window - 1]);
      }
      const [row] = await sql.query<{ hits: number }>(
        `INSERT INTO rate_limit_counters (bucket, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
         RETURNING hits`,
        [bucket, window],
      );
      return Number(row.hits);
    },
  };
}

/**
 * The shared counters, or this process's own while the database does not answer: a database
 * outage must not turn every request into a 500, and each instance still limits its clients.
 */
export function sharedCountersWithFallback(shared: CounterStore, local: CounterStore = memoryCounters()): CounterStore {
  return {
    async hit(bucket, window) {
      try {
        return await shared.hit(bucket, window);
      } catch {
        return local.hit(bucket, window);
      }
    },
  };
}

export type RateLimits = Record<RequestKind, number>;

/** A refusal: the sentence for the client and how many seconds to wait. */
export type RateLimitRefusal = { retryAfterSeconds: number; message: string };

export type RateLimiter = (client: string, kind: RequestKind) => Promise<RateLimitRefusal | null>;

export function createRateLimiter({ store, limits, now = Date.now }: { store: CounterStore; limits: RateLimits; now?: () => number }): RateLimiter {
  return async (client, kind) => {
    const time = now();
    const window = Math.floor(time / WINDOW_MS);
    const count = await store.hit(`${kind} ${client}`, window);
    if (count <= limits[kind]) return null;
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - time) / 1000));
    const what = kind === "write" ? "requests that change data" : "requests";
    return {
      retryAfterSeconds,
      message: `Too many ${what} from your address: at most ${limits[kind]} per minute. Try again in ${retryAfterSeconds} s.`,
    };
  };
}
