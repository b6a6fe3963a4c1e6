import "server-only";
import { createPublicClient, http, type PublicClient } from "viem";
import { getEnv, publicConfig } from "@/lib/env";
import { configuredChain } from "./chains";

let client: PublicClient | undefined;

/** The server's viem client; reads in one tick are batched into Multicall3 calls. */
export function publicClient(): PublicClient {
  client ??= createPublicClient({
    chain: configuredChain(publicConfig(getEnv())),
    transport: http(getEnv().RPC_URL, { batch: false, retryCount: 2, timeout: 10_000 }),
    batch: { multicall: { wait: 0 } },
  }) as PublicClient;
  return client;
}
