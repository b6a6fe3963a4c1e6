import "server-only";
import { configuredDeps } from "@/lib/clusters/configured";
import { syncHandlers } from "./handlers";

/** The synchronization API on the configured network: what the /api/v1 route files export. */
export const syncRoutes = syncHandlers(configuredDeps);
