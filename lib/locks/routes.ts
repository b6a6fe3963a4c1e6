import "server-only";
import { configuredDeps } from "@/lib/clusters/configured";
import { lockHandlers } from "./handlers";

/** The lock API and downloads on the configured network: what the route files export. */
export const lockRoutes = lockHandlers(configuredDeps);
