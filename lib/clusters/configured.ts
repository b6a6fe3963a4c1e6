import "server-only";
import type { LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { publicClient } from "@/lib/chain/client";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { findCluster } from "./find-cluster";

let creator: LocalAccount | undefined;

/** The configured creator key's account, derived once. */
export function creatorAccount(): LocalAccount {
  creator ??= privateKeyToAccount(getEnv().CREATOR_PRIVATE_KEY);
  return creator;
}

/** What the sync and lock route handlers need on the configured network. */
export const configuredDeps = {
  db: getDatabase,
  findCluster,
  creator: creatorAccount,
  forkVersion: () => getEnv().FORK_VERSION,
  client: publicClient,
};
