import "server-only";
import { privateKeyToAccount } from "viem/accounts";
import { findCluster } from "@/lib/clusters/find-cluster";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { syncHandlers } from "./handlers";

/** The synchronization API on the configured network: what the /api/v1 route files export. */
export const syncRoutes = syncHandlers({
  db: getDatabase,
  findCluster,
  creator: () => privateKeyToAccount(getEnv().CREATOR_PRIVATE_KEY),
  forkVersion: () => getEnv().FORK_VERSION,
});
