// The watcher end to end: a real anvil, real databases, and a local HTTP receiver standing in for
// Discord. Two watchers share one PostgreSQL (two connection pools, as two processes would).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededOperators } from "@/devnet/accounts";
import { devnetPubKey, seedClusters } from "@/devnet/seed";
import { startOwnChain, type OwnChain } from "@/devnet/testing/chain";
import { devnetIndexTarget } from "@/devnet/testing/index-target";
import type { Database } from "@/lib/db";
import { sharedPostgresSchema, suiteDatabase, testDatabases } from "@/lib/db/testing";
import { IDEMPOTENCY_HEADER, deliverDue, retryDelayMs } from "./delivery";
import { watchOnce, type WatchTarget } from "./watcher";

type Received = { key: string; body: { content?: string; allowed_mentions?: unknown } };

/** A receiver on 127.0.0.1 that records each POST and answers with `status(n)` for the n-th (1-based). */
async function receiver(status: (n: number) => number = () => 204) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ key: String(req.headers[IDEMPOTENCY_HEADER.toLowerCase()]), body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(status(received.length)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let chain: OwnChain;

beforeAll(async () => {
  chain = await startOwnChain({ seed: true });
});

afterAll(async () => {
  await chain?.stop();
});

const targetOf = (db: Database): WatchTarget => devnetIndexTarget(chain.deployment, chain.publicClient as never, db);

const origin = "https://portal.test";
const allowedHosts = ["127.0.0.1"];

async function subscribe(db: Database, operator: Address, url: string, format = "discord") {
  await db.query("INSERT INTO notification_subscriptions (operator, url, format) VALUES ($1, $2, $3)", [operator, url, format]);
}

/** The number of stored events of the clusters `operator` has a seat in: what it must be told. */
async function eventsConcerning(db: Database, operator: Address): Promise<number> {
  const [{ n }] = await db.query<{ n: string | number }>(
    "SELECT count(*) AS n FROM activity_events e JOIN clusters c ON c.config_hash = e.config_hash WHERE $1 = ANY (c.operators)",
    [operator],
  );
  return Number(n);
}

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("two watchers on one PostgreSQL", () => {
  it("deliver exactly one Discord message per event and subscriber, chain events included", async () => {
    const shared = await sharedPostgresSchema(url!);
    const [first, second] = [await shared.open(), await shared.open()];
    const hooks = [await receiver(), await receiver()];
    try {
      // Subscribed before anything is indexed: every event reaches the outbox.
      const [alice, bob] = [seededOperators[0].address, seededOperators[1].address];
      await subscribe(first, alice, hooks[0].url);
      await subscribe(first, bob, hooks[1].url);
      const rounds = async (db: Database, n: number) => {
        for (let i = 0; i < n; i++) await watchOnce(targetOf(db), { origin, allowedHosts, retryBaseMs: 0 });
      };
      await Promise.all([rounds(first, 3), rounds(second, 3)]);

      // A new cluster won by seeded operators 1-4 (alice and bob among them), activated by its vault.
      const [clusterId] = await seedClusters(chain.rpcUrl, chain.deployment, 1, chain.writer);
      await chain.writer.send(chain.writer.activateTx(clusterId, devnetPubKey(clusterId)));
      await Promise.all([rounds(first, 3), rounds(second, 3)]);

      const statuses = await first.query<{ kind: string; block_number: string | null }>("SELECT kind, block_number FROM activity_events WHERE kind LIKE 'status-%'");
      expect(statuses.map((s) => s.kind)).toEqual(["status-deposited"]);
      expect(statuses[0].block_number).not.toBeNull();

      for (const [hook, operator] of [
        [hooks[0], alice],
        [hooks[1], bob],
      ] as const) {
        const expected = await eventsConcerning(first, operator);
        expect(expected).toBeGreaterThan(0);
        expect(hook.received).toHaveLength(expected);
        expect(hook.received.filter((r) => r.body.content?.includes("Deposited"))).toHaveLength(1);
        expect(new Set(hook.received.map((r) => r.key)).size).toBe(expected);
        for (const { body } of hook.received) {
          expect(body.allowed_mentions).toEqual({ parse: [] });
          expect(body.content).toMatch(/^Byzantine DV\d+: .+ https:\/\/portal\.test\/clusters\/0x[0-9a-f]{64}$/);
        }
      }
      // Nobody has accepted the terms in this store: creation asks each operator to.
      expect(hooks[0].received[0].body.content).toContain("Your action is required: Accept terms.");
      const [{ pending }] = await first.query<{ pending: string | number }>("SELECT count(*) AS pending FROM notification_outbox WHERE delivered_at IS NULL");
      expect(Number(pending)).toBe(0);
    } finally {
      await Promise.all(hooks.map((h) => h.close()));
      await first.close();
      await second.close();
      await shared.drop();
    }
  });
});

describe.each(testDatabases())("deliveries on $name", (engine) => {
  const db = suiteDatabase(engine);
  beforeAll(async () => {
    // Indexing the seeded chain stores its clusters and their creation events.
    await watchOnce(targetOf(db), { origin, allowedHosts });
  });

  it("leaves the store as it was in a round with nothing new on the chain and nothing due, so kept pages stay kept", async (ctx) => {
    // PGlite's count of writes is what kept pages are checked against (lib/clusters/index-target.ts); PostgreSQL has none.
    if (db.writes() === null) ctx.skip();
    await watchOnce(targetOf(db), { origin, allowedHosts });
    const before = db.writes();
    await watchOnce(targetOf(db), { origin, allowedHosts });
    expect(db.writes()).toBe(before);
  });

  /** Puts the creation event of alice's first cluster in the outbox for a new subscription to `hookUrl`. */
  async function queue(hookUrl: string) {
    await subscribe(db, seededOperators[0].address, hookUrl);
    await db.query(
      `INSERT INTO notification_outbox (event_id, subscription_id, idempotency_key)
       SELECT e.id, s.id, 'test-' || s.id FROM activity_events e, notification_subscriptions s
       WHERE s.url = $1 AND e.kind = 'cluster-created' ORDER BY e.id LIMIT 1`,
      [hookUrl],
    );
  }

  const outboxOf = async (hookUrl: string) =>
    (
      await db.query<{ attempts: number; delivered_at: Date | null; failed_at: Date | null; last_error: string | null }>(
        "SELECT o.attempts, o.delivered_at, o.failed_at, o.last_error FROM notification_outbox o JOIN notification_subscriptions s ON s.id = o.subscription_id WHERE s.url = $1",
        [hookUrl],
      )
    )[0];

  it("retries a failing receiver with the same idempotency key until it accepts", async () => {
    const hook = await receiver((n) => (n <= 2 ? 503 : 200));
    try {
      await queue(hook.url);
      for (let round = 0; round < 5 && !(await outboxOf(hook.url)).delivered_at; round++) {
        await deliverDue(db, { scope: chain.deployment, origin, allowedHosts, retryBaseMs: 0 });
      }
      const row = await outboxOf(hook.url);
      expect(row.delivered_at).not.toBeNull();
      expect(row.attempts).toBe(3);
      expect(hook.received).toHaveLength(3);
      expect(new Set(hook.received.map((r) => r.key)).size).toBe(1);
    } finally {
      await hook.close();
    }
  });

  it("waits longer after each failure and gives up after the last attempt", async () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 10_000))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(30, 10_000)).toBe(3_600_000);

    const hook = await receiver(() => 500);
    try {
      await queue(hook.url);
      await deliverDue(db, { scope: chain.deployment, origin, allowedHosts, retryBaseMs: 60_000, maxAttempts: 2 });
      // Not due again for a minute: a round now sends nothing.
      await deliverDue(db, { scope: chain.deployment, origin, allowedHosts, retryBaseMs: 60_000, maxAttempts: 2 });
      expect(hook.received).toHaveLength(1);
      await db.query("UPDATE notification_outbox SET next_attempt_at = now() WHERE delivered_at IS NULL");
      await deliverDue(db, { scope: chain.deployment, origin, allowedHosts, retryBaseMs: 60_000, maxAttempts: 2 });
      expect((await outboxOf(hook.url)).failed_at).not.toBeNull();
      await db.query("UPDATE notification_outbox SET next_attempt_at = now() WHERE delivered_at IS NULL");
      await deliverDue(db, { scope: chain.deployment, origin, allowedHosts, retryBaseMs: 60_000, maxAttempts: 2 });
      expect(hook.received).toHaveLength(2);
    } finally {
      await hook.close();
    }
  });

  it("checks the URL again at delivery: a loopback receiver off the allow-list gets nothing", async () => {
    const hook = await receiver();
    try {
      await queue(hook.url);
      await deliverDue(db, { scope: chain.deployment, origin, allowedHosts: [] });
      expect(hook.received).toHaveLength(0);
      const row = await outboxOf(hook.url);
      expect(row.delivered_at).toBeNull();
      expect(row.last_error).toBe("The webhook URL must use https.");

      // The same receiver by name over https: refused after DNS (localhost is loopback), before any connection.
      await db.query("UPDATE notification_subscriptions SET url = $2 WHERE url = $1", [hook.url, hook.url.replace("http://127.0.0.1", "https://localhost")]);
      await db.query("UPDATE notification_outbox SET next_attempt_at = now() WHERE delivered_at IS NULL AND failed_at IS NULL");
      await deliverDue(db, { scope: chain.deployment, origin, allowedHosts: [] });
      const [{ last_error }] = await db.query<{ last_error: string }>(
        "SELECT o.last_error FROM notification_outbox o JOIN notification_subscriptions s ON s.id = o.subscription_id WHERE s.url LIKE 'https://localhost%'",
      );
      expect(last_error).toMatch(/resolves to a private, loopback or link-local address/);
      expect(hook.received).toHaveLength(0);
    } finally {
      await hook.close();
    }
  });
});
