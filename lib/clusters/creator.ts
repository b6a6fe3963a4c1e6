import "server-only";
import type { LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getEnv } from "@/lib/env";

let creator: LocalAccount | undefined;

/** The configured creator key's account, derived once. */
export function creatorAccount(): LocalAccount {
  creator ??= privateKeyToAccount(getEnv().CREATOR_PRIVATE_KEY);
  return creator;
}
