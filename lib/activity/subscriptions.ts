import type { Address, PublicClient } from "viem";
import { z } from "zod";
import type { Database, Sql } from "@/lib/db";
import { HttpError, readJson, withErrors } from "@/lib/http";
import { addressSchema } from "@/lib/http/schemas";
import { verifyTypedSignature } from "@/lib/obol/eip712";
import {
  MAX_MESSAGE_LIFETIME_SECONDS,
  subscribeTypedData,
  unsubscribeTypedData,
  webhookFormats,
} from "./subscription-message";
import { checkWebhookUrl, parseWebhookUrl, WebhookUrlError, type Resolver } from "./webhook-url";

/**
 * POST and DELETE /api/notifications/subscriptions: an operator adds or removes a webhook for its
 * address with an EIP-712 signature (./subscription-message). Cheapest checks first: shape,
 * expiry, the URL's form, the nonce, the operator's count; then the signature (a chain call for
 * a contract wallet) and the URL's DNS; the nonce is spent in the transaction that stores.
 */

export type SubscriptionDeps = {
  db(): Promise<Database>;
  chainId(): number;
  /** The chain, to ask contract wallets (ERC-1271). */
  client?(): PublicClient;
  allowedHosts(): readonly string[];
  resolve?: Resolver;
};

/** Webhooks one operator may have at once. */
export const MAX_SUBSCRIPTIONS_PER_OPERATOR = 10;

const signature = z
  .string()
  .regex(/^0x(?:[0-9a-fA-F]{2}){65,2048}$/, "expected a 0x-prefixed signature of 65 bytes, or up to 2048 bytes from a contract wallet")
  .transform((s) => s.toLowerCase() as `0x${string}`);

const unsubscribeSchema = z.object({
  operator: addressSchema,
  url: z.string().min(1).max(2048, "a webhook URL is at most 2048 characters"),
  nonce: z
    .string()
    .regex(/^\d{1,78}$/, "expected the nonce as a decimal string")
    .transform((s) => BigInt(s)),
  expiry: z.number().int().positive(),
  signature,
});

const subscribeSchema = unsubscribeSchema.extend({ format: z.enum(webhookFormats) });

export type SubscribeBody = z.input<typeof subscribeSchema>;
export type UnsubscribeBody = z.input<typeof unsubscribeSchema>;

function checkExpiry(expiry: number) {
  const now = Math.floor(Date.now() / 1000);
  if (expiry <= now) throw new HttpError(400, "The signed message has expired; sign a new one.");
  if (expiry > now + MAX_MESSAGE_LIFETIME_SECONDS) {
    throw new HttpError(400, `The signed message must expire within ${MAX_MESSAGE_LIFETIME_SECONDS / 60} minutes; sign one that does.`);
  }
}

const replayed = () => new HttpError(409, "This signed message was already used; sign a new one.");

async function nonceUsed(sql: Sql, operator: Address, nonce: bigint) {
  return (await sql.query("SELECT 1 FROM notification_nonces WHERE operator = $1 AND nonce = $2", [operator, nonce.toString()])).length > 0;
}

/** Spends the nonce, or throws the replay refusal; forgets expired ones on the way. */
async function spendNonce(sql: Sql, operator: Address, nonce: bigint, expiry: number) {
  await sql.query("DELETE FROM notification_nonces WHERE expires_at < now()");
  const rows = await sql.query(
    "INSERT INTO notification_nonces (operator, nonce, expires_at) VALUES ($1, $2, to_timestamp($3)) ON CONFLICT DO NOTHING RETURNING nonce",
    [operator, nonce.toString(), expiry],
  );
  if (rows.length === 0) throw replayed();
}

function urlRefusal(error: unknown): never {
  if (error instanceof WebhookUrlError) throw new HttpError(400, error.message);
  throw error;
}

export function subscriptionHandlers(deps: SubscriptionDeps) {
  async function verified(operator: Address, typedData: Parameters<typeof verifyTypedSignature>[0]["typedData"], sig: `0x${string}`) {
    const valid = await verifyTypedSignature({ client: deps.client?.(), address: operator, typedData, signature: sig });
    if (!valid) throw new HttpError(403, `The signature is not ${operator}'s signature of this message; sign it with that wallet.`);
  }

  const subscribe = withErrors(async (request: Request) => {
    const body = subscribeSchema.parse(await readJson(request, 16 * 1024));
    checkExpiry(body.expiry);
    try {
      parseWebhookUrl(body.url, deps.allowedHosts());
    } catch (error) {
      urlRefusal(error);
    }
    const db = await deps.db();
    if (await nonceUsed(db, body.operator, body.nonce)) throw replayed();
    const [{ count, same }] = await db.query<{ count: string | number; same: boolean }>(
      "SELECT count(*) AS count, coalesce(bool_or(url = $2), false) AS same FROM notification_subscriptions WHERE operator = $1",
      [body.operator, body.url],
    );
    if (!same && Number(count) >= MAX_SUBSCRIPTIONS_PER_OPERATOR) {
      throw new HttpError(409, `An operator may have ${MAX_SUBSCRIPTIONS_PER_OPERATOR} webhooks; remove one first.`);
    }
    const message = { operator: body.operator, url: body.url, format: body.format, nonce: body.nonce, expiry: BigInt(body.expiry) };
    await verified(body.operator, subscribeTypedData(deps.chainId(), message), body.signature);
    await checkWebhookUrl(body.url, deps.allowedHosts(), deps.resolve).catch(urlRefusal);
    const created = await db.transaction(async (tx) => {
      await spendNonce(tx, body.operator, body.nonce, body.expiry);
      const rows = await tx.query<{ created: boolean }>(
        `INSERT INTO notification_subscriptions (operator, url, format) VALUES ($1, $2, $3)
         ON CONFLICT (operator, url) DO UPDATE SET format = EXCLUDED.format RETURNING (xmax = 0) AS created`,
        [body.operator, body.url, body.format],
      );
      return rows[0].created;
    });
    return Response.json(
      { message: created ? "Webhook subscribed: it gets each new event of your clusters." : "Webhook already subscribed; its format is updated." },
      { status: created ? 201 : 200 },
    );
  });

  const unsubscribe = withErrors(async (request: Request) => {
    const body = unsubscribeSchema.parse(await readJson(request, 16 * 1024));
    checkExpiry(body.expiry);
    const db = await deps.db();
    if (await nonceUsed(db, body.operator, body.nonce)) throw replayed();
    const message = { operator: body.operator, url: body.url, nonce: body.nonce, expiry: BigInt(body.expiry) };
    await verified(body.operator, unsubscribeTypedData(deps.chainId(), message), body.signature);
    const removed = await db.transaction(async (tx) => {
      await spendNonce(tx, body.operator, body.nonce, body.expiry);
      return (await tx.query("DELETE FROM notification_subscriptions WHERE operator = $1 AND url = $2 RETURNING id", [body.operator, body.url])).length;
    });
    if (removed === 0) throw new HttpError(404, `${body.operator} has no webhook with this URL.`);
    return Response.json({ message: "Webhook removed." });
  });

  return { subscribe, unsubscribe };
}
