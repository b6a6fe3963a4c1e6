import "server-only";
import { privateKeyToAccount } from "viem/accounts";
import { findCluster } from "@/lib/clusters/find-cluster";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { lockHandlers } from "./handlers";

/** The lock API and downloads on the configured network: what the route files export. */
export const lockRoutes = lockHandlers({
  db: getDatabase,
  findCluster,
  creator: () => privateKeyToAccount(getEnv().CREATOR_PRIVATE_KEY),
  forkVersion: () => getEnv().FORK_VERSION,
});
