import "server-only";
import { configuredDeps } from "@/lib/clusters/configured";
import { getEnv } from "@/lib/env";
import { subscriptionHandlers } from "./subscriptions";

export const subscriptionRoutes = subscriptionHandlers({
  db: configuredDeps.db,
  client: configuredDeps.client,
  chainId: () => getEnv().CHAIN_ID,
  allowedHosts: () => getEnv().WEBHOOK_ALLOWED_HOSTS,
});
