import "server-only";
import { indexTarget } from "@/lib/clusters/index-target";
import { getEnv } from "@/lib/env";
import { originOf } from "@/lib/http/origin";
import { startWatcher } from "./watcher";

/** The watcher on the configured network, as the server (WATCHER=inline) and `npm run worker` run it. */
export function startConfiguredWatcher() {
  const env = getEnv();
  return startWatcher(indexTarget, {
    intervalMs: env.WATCH_INTERVAL_MS,
    allowedHosts: env.WEBHOOK_ALLOWED_HOSTS,
    // No request here: links use PUBLIC_URL, or the local default.
    origin: originOf(new Headers(), { publicUrl: env.PUBLIC_URL, trusted: [] }),
  });
}
