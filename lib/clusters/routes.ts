import "server-only";
import { lockHandlers } from "@/lib/locks/handlers";
import { syncHandlers } from "@/lib/sync/handlers";
import { configuredDeps } from "./configured";

// The handlers take their dependencies so tests can give them a devnet; here they get the
// configured network's. Wired in lib/clusters, above lib/sync and lib/locks, so neither imports back.

/** The synchronization API on the configured network: what the /api/v1 route files export. */
export const syncRoutes = syncHandlers(configuredDeps);

/** The lock API and downloads on the configured network: what the route files export. */
export const lockRoutes = lockHandlers(configuredDeps);
