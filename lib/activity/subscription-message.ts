import type { Address, TypedDataDefinition } from "viem";

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

export function subscribeTypedData(chainId: number, message: SubscribeMessage) {
  return {
    domain: domain(chainId),
    types: {
      WebhookSubscription: [
        { name: "operator", type: "address" },
        { name: "url", type: "string" },
        { name: "format", type: "string" },
        { name: "nonce", type: "uint256" },
        { name: "expiry", type: "uint256" },
      ],
    },
    primaryType: "WebhookSubscription",
    message,
  } as const satisfies TypedDataDefinition;
}

export function unsubscribeTypedData(chainId: number, message: UnsubscribeMessage) {
  return {
    domain: domain(chainId),
    types: {
      WebhookUnsubscription: [
        { name: "operator", type: "address" },
        { name: "url", type: "string" },
        { name: "nonce", type: "uint256" },
        { name: "expiry", type: "uint256" },
      ],
    },
    primaryType: "WebhookUnsubscription",
    message,
  } as const satisfies TypedDataDefinition;
}
