import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { sharedPostgresSchema } from "@/lib/db/testing";
import { createRateLimiter, databaseCounters, memoryCounters, requestKind, sharedCountersWithFallback, type CounterStore } from "./rate-limit";

const minute = 60_000;
const at = (time: number) => () => time;

async function hits(limiter: ReturnType<typeof createRateLimiter>, n: number, client = "192.0.2.1", kind: "write" | "read" = "write") {
  const answers = [];
  for (let i = 0; i < n; i++) answers.push(await limiter(client, kind));
  return answers;
}

describe("rate limiter", () => {
  it("refuses the writes past the limit with the seconds left in the minute", async () => {
    const limiter = createRateLimiter({ store: memoryCounters(), limits: { write: 60, read: 600 }, now: at(100 * minute + 15_500) });
    const answers = await hits(limiter, 400);
    expect(answers.slice(0, 60).every((a) => a === null)).toBe(true);
    expect(answers.slice(60).every((a) => a !== null)).toBe(true);
    expect(answers[60]).toEqual({ retryAfterSeconds: 45, message: "Too many requests that change data from your address: at most 60 per minute. Try again in 45 s." });
  });

  it("counts each client and each kind apart, and starts again in the next minute", async () => {
    let now = 7 * minute;
    const store = memoryCounters();
    const limiter = createRateLimiter({ store, limits: { write: 2, read: 3 }, now: () => now });
    expect(await hits(limiter, 3)).toEqual([null, null, expect.objectContaining({ retryAfterSeconds: 60 })]);
    expect(await hits(limiter, 2, "192.0.2.2")).toEqual([null, null]);
    expect((await hits(limiter, 4, "192.0.2.1", "read")).map((a) => a === null)).toEqual([true, true, true, false]);
    now += minute;
    expect(await hits(limiter, 1)).toEqual([null]);
  });

  it("tells writes from reads by method", () => {
    expect(["POST", "put", "PATCH", "DELETE"].map(requestKind)).toEqual(["write", "write", "write", "write"]);
    expect(["GET", "HEAD", "OPTIONS", undefined].map(requestKind)).toEqual(["read", "read", "read", "read"]);
  });
});

describe("rate limit counters in the database", () => {
  it("keep limiting in this process while the database does not answer", async () => {
    const down = databaseCounters(() => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")));
    const limiter = createRateLimiter({ store: sharedCountersWithFallback(down), limits: { write: 5, read: 50 }, now: at(7 * minute) });
    const answers = await hits(limiter, 8);
    expect(answers.filter((a) => a === null)).toHaveLength(5);
    expect(answers[7]?.retryAfterSeconds).toBe(60);
  });

  const opened: Database[] = [];
  afterAll(async () => {
    for (const db of opened) await db.close();
  });

  const limiterOn = (store: CounterStore, now: () => number) => createRateLimiter({ store, limits: { write: 5, read: 100 }, now });

  it("count on the embedded database and forget windows older than the previous one", async () => {
    const db = await openDatabase({ dir: "memory" });
    opened.push(db);
    let now = 50 * minute;
    const limiter = limiterOn(databaseCounters(async () => db), () => now);
    expect((await hits(limiter, 6)).map((a) => a === null)).toEqual([true, true, true, true, true, false]);
    now += 2 * minute;
    expect(await hits(limiter, 1)).toEqual([null]);
    expect(await db.query("SELECT window_start FROM rate_limit_counters")).toEqual([{ window_start: 52 }]);
  });

  const url = process.env.TEST_DATABASE_URL;
  it.skipIf(!url)("hold across two portal instances on one PostgreSQL (set TEST_DATABASE_URL to run)", async () => {
    const shared = await sharedPostgresSchema(url!);
    try {
      // Two pools, as two servers would have; the second finds the schema migrated.
      const a = await shared.open();
      const b = await shared.open();
      opened.push(a, b);
      const now = at(9 * minute);
      const first = limiterOn(databaseCounters(async () => a), now);
      const second = limiterOn(databaseCounters(async () => b), now);
      // Concurrent hits from both instances: exactly five pass, whichever answers them.
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? first : second)("192.0.2.9", "write")));
      expect(answers.filter((x) => x === null)).toHaveLength(5);
      expect(await second("192.0.2.10", "write")).toBeNull();
    } finally {
      for (const db of opened.splice(0)) await db.close();
      await shared.drop();
    }
  });
});
