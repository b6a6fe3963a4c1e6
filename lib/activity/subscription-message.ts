import type { Address, TypedDataDefinition, TypedDataParameter } from "viem";

/**
 * The EIP-712 messages an operator signs to subscribe a webhook for its address and to remove it,
 * built the same way by the dashboard's form and by the server that verifies them. The nonce and
 * the expiry make each signed message work once and only for a short while.
 */

export const webhookFormats = ["discord", "slack", "json"] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

/** How far ahead a signed message may expire: the server remembers nonces that long. */
export const MAX_MESSAGE_LIFETIME_SECONDS = 3600;

const domain = (chainId: number) => ({ name: "Byzantine DV Portal", version: "1", chainId }) as const;

export type SubscribeMessage = { operator: Address; url: string; format: WebhookFormat; nonce: bigint; expiry: bigint };
export type UnsubscribeMessage = Omit<SubscribeMessage, "format">;

/** The fields an operator signs; an unsubscription signs them without the format. */
const field = {
  operator: { name: "operator", type: "address" },
  url: { name: "url", type: "string" },
  format: { name: "format", type: "string" },
  nonce: { name: "nonce", type: "uint256" },
  expiry: { name: "expiry", type: "uint256" },
} as const;

/** One webhook message's typed data: the portal's domain and a single struct, `primaryType`. */
function webhookTypedData<const P extends string, const F extends readonly TypedDataParameter[], M>(chainId: number, primaryType: P, fields: F, message: M) {
  return { domain: domain(chainId), types: { [primaryType]: fields } as { [K in P]: F }, primaryType, message };
}

export function subscribeTypedData(chainId: number, message: SubscribeMessage) {
  return webhookTypedData(chainId, "WebhookSubscription", [field.operator, field.url, field.format, field.nonce, field.expiry], message) satisfies TypedDataDefinition;
}

export function unsubscribeTypedData(chainId: number, message: UnsubscribeMessage) {
  return webhookTypedData(chainId, "WebhookUnsubscription", [field.operator, field.url, field.nonce, field.expiry], message) satisfies TypedDataDefinition;
}
