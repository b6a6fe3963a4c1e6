/**
 * The watcher as its own process: `npm run worker` (set WATCHER=off on the servers). It follows
 * the chain and delivers the webhooks of the activity; several workers and servers on one
 * DATABASE_URL share the work without sending an event twice (lib/activity/delivery.ts).
 */
import { startConfiguredWatcher } from "../lib/activity/start";

const watcher = startConfiguredWatcher();
console.log("watcher running");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void watcher.stop().finally(() => process.exit(0)));
}
