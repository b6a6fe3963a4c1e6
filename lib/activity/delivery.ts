import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { getAddress, type Address } from "viem";
import { z } from "zod";
import { clustersByConfigHash, type IndexScope } from "@/lib/chain/indexed-clusters";
import type { Database } from "@/lib/db";
import { waitingAmong, type WaitingAction } from "./actions";
import { webhookFormats, type WebhookFormat } from "./subscription-message";
import { eventsById, type ActivityEvent } from "./events";
import { clusterPath } from "./feeds";
import { isAllowListed, parseWebhookUrl, safeLookup } from "./webhook-url";

/**
 * Delivery of the notification outbox (migration 8): each row is one event for one subscriber,
 * written with the event. A watcher claims due rows with FOR UPDATE SKIP LOCKED and moves their
 * next attempt past a lease in the same statement, so another watcher on the same PostgreSQL
 * neither waits for them nor sends them again; a row is then marked delivered, or retried later
 * with exponential backoff. At least once: the idempotency key header lets a receiver drop a
 * repeat after a crash between sending and marking.
 */

export const IDEMPOTENCY_HEADER = "Idempotency-Key";

export type DeliveryOptions = {
  scope: IndexScope;
  /** The portal's public origin, for links to cluster pages. */
  origin: string;
  /** Hosts exempt from the https and public-address rules (WEBHOOK_ALLOWED_HOSTS). */
  allowedHosts: readonly string[];
  /** Rows claimed per round. */
  batchSize?: number;
  timeoutMs?: number;
  /** The first retry's delay; each further one doubles, up to an hour. */
  retryBaseMs?: number;
  maxAttempts?: number;
};

const MAX_RETRY_MS = 3_600_000;

/** How long to wait after the `attempts`-th failed attempt. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_RETRY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

const claimedRow = z.object({
  id: z.coerce.string(),
  event_id: z.coerce.string(),
  idempotency_key: z.string(),
  attempts: z.coerce.number(),
  url: z.string(),
  format: z.enum(webhookFormats),
  operator: z.string().transform((s) => getAddress(s)),
});
type Claimed = z.output<typeof claimedRow>;

/** Claims up to `limit` due rows for `leaseMs`, counting the attempt. */
async function claim(db: Database, limit: number, leaseMs: number): Promise<Claimed[]> {
  const rows = await db.query(
    `UPDATE notification_outbox o SET attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
     FROM notification_subscriptions s
     WHERE s.id = o.subscription_id AND o.id IN (
       SELECT id FROM notification_outbox WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
       ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING o.id, o.event_id, o.idempotency_key, o.attempts, s.url, s.format, s.operator`,
    [limit, leaseMs],
  );
  return rows.map((row) => claimedRow.parse(row)).sort((a, b) => Number(a.id) - Number(b.id));
}

export type Notification = {
  event: ActivityEvent;
  operator: Address;
  cluster: { name: string; url: string } | null;
  action: WaitingAction | null;
  idempotencyKey: string;
};

/** The sentence a person reads. */
function sentence(n: Notification): string {
  const where = n.cluster ? `${n.cluster.name}: ` : "";
  const action = n.action ? ` Your action is required: ${n.action.step.label}.` : "";
  return `${where}${n.event.title}.${action}`;
}

// Discord and Slack read markup in text: only the sentence's own characters that mean markup there are escaped.
const discordText = (s: string) => s.replace(/([\\*_~`|>[\]()])/g, "\\$1");
const slackText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The request body in the subscriber's format. */
export function webhookBody(format: WebhookFormat, n: Notification): unknown {
  switch (format) {
    case "discord":
      return {
        username: "Byzantine DV Portal",
        content: `${discordText(sentence(n))}${n.cluster ? ` ${n.cluster.url}` : ""}`.slice(0, 2000),
        // A message never pings anyone, whatever a title holds.
        allowed_mentions: { parse: [] },
      };
    case "slack":
      return { text: `${slackText(sentence(n))}${n.cluster ? ` <${n.cluster.url}|Open the cluster>` : ""}` };
    case "json":
      return {
        id: n.idempotencyKey,
        operator: n.operator,
        event: n.event,
        cluster: n.cluster,
        actionRequired: n.action ? { step: n.action.step.step, label: n.action.step.label } : null,
        text: sentence(n),
      };
  }
}

/** POSTs JSON; resolves with the status, rejects on a network failure, a refused address or the timeout. */
function post(url: URL, body: unknown, headers: Record<string, string>, allowed: boolean, timeoutMs: number): Promise<number> {
  const payload = Buffer.from(JSON.stringify(body));
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(payload.length), "user-agent": "byzantine-dv-portal", ...headers },
        // The allow-list skips the address check; everything else connects only to checked addresses.
        lookup: allowed ? undefined : safeLookup,
        timeout: timeoutMs,
      },
      (res) => {
        // The answer's body is not needed; reading stops the socket from stalling.
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(payload);
  });
}

export type DeliveryRound = { claimed: number; delivered: number; retrying: number; failed: number };

/** Claims the due rows once and delivers them; the watcher calls it every round. */
export async function deliverDue(db: Database, options: DeliveryOptions): Promise<DeliveryRound> {
  const { batchSize = 50, timeoutMs = 10_000, retryBaseMs = 10_000, maxAttempts = 10 } = options;
  // The lease outlasts a delivery's timeout, so a row is never sent by two watchers at once.
  const claimed = await claim(db, batchSize, timeoutMs * 3);
  const round: DeliveryRound = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return round;

  const events = await eventsById(db, claimed.map((c) => c.event_id));
  const clusters = await clustersByConfigHash(db, options.scope, [...events.values()].flatMap((e) => (e.configHash ? [e.configHash] : [])));
  // What each subscriber has to do now, per cluster: the step machine over the store.
  const waiting = new Map<string, WaitingAction>();
  for (const operator of new Set(claimed.map((c) => c.operator))) {
    for (const action of await waitingAmong(db, clusters.filter((c) => c.operators.includes(operator)), operator)) {
      waiting.set(`${operator}:${action.cluster.configHash.toLowerCase()}`, action);
    }
  }

  await Promise.all(
    claimed.map(async (row) => {
      const event = events.get(row.event_id)!;
      const cluster = clusters.find((c) => c.configHash.toLowerCase() === event.configHash?.toLowerCase());
      const notification: Notification = {
        event,
        operator: row.operator,
        cluster: cluster ? { name: cluster.name, url: `${options.origin}${clusterPath(cluster.configHash)}` } : null,
        action: cluster ? (waiting.get(`${row.operator}:${cluster.configHash.toLowerCase()}`) ?? null) : null,
        idempotencyKey: row.idempotency_key,
      };
      let problem: string;
      try {
        // Checked again at every attempt: a URL accepted once may point elsewhere now.
        const url = parseWebhookUrl(row.url, options.allowedHosts);
        const status = await post(url, webhookBody(row.format, notification), { [IDEMPOTENCY_HEADER]: row.idempotency_key }, isAllowListed(url, options.allowedHosts), timeoutMs);
        if (status >= 200 && status < 300) {
          await db.query("UPDATE notification_outbox SET delivered_at = now(), last_error = NULL WHERE id = $1", [row.id]);
          round.delivered++;
          return;
        }
        problem = `the receiver answered ${status}`;
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (row.attempts >= maxAttempts) {
        await db.query("UPDATE notification_outbox SET failed_at = now(), last_error = $2 WHERE id = $1", [row.id, problem.slice(0, 500)]);
        round.failed++;
      } else {
        await db.query(
          "UPDATE notification_outbox SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), last_error = $3 WHERE id = $1",
          [row.id, retryDelayMs(row.attempts, retryBaseMs), problem.slice(0, 500)],
        );
        round.retrying++;
      }
    }),
  );
  return round;
}
