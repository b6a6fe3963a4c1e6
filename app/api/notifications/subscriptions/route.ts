import { subscriptionRoutes } from "@/lib/activity/subscription-routes";

export const dynamic = "force-dynamic";

/** POST: subscribe a webhook (signed WebhookSubscription); DELETE: remove it (signed WebhookUnsubscription). */
export const POST = subscriptionRoutes.subscribe;
export const DELETE = subscriptionRoutes.unsubscribe;
