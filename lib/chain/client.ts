import "server-only";
import { cache } from "react";
import { createPublicClient, http, type PublicClient } from "viem";
import { getEnv, publicConfig } from "@/lib/env";
import { requestScoped } from "@/lib/request-scope";
import { auctionHead } from "./block-reads";
import { blocksPerBatch } from "./block-times";
import { setMulticallGasLimit } from "./bounded-multicall";
import { configuredChain } from "./chains";

let client: PublicClient | undefined;

// One retry after a short pause: a dropped connection gets a second chance, while a request that
// waits on a hung node stays near RPC_TIMEOUT_MS in all (two attempts of half of it each).
const retryCount = 1;
const retryDelayMs = 100;

/**
 * The server's viem client: contract reads in one tick are batched into Multicall3 calls, other
 * requests of one tick into one JSON-RPC batch (block timestamps while indexing), and multicalls
 * are split to fit MULTICALL_GAS_LIMIT.
 */
export function publicClient(): PublicClient {
  if (!client) {
    const env = getEnv();
    client = createPublicClient({
      chain: configuredChain(publicConfig(env)),
      transport: http(env.RPC_URL, {
        batch: { batchSize: blocksPerBatch, wait: 0 },
        retryCount,
        retryDelay: retryDelayMs,
        timeout: Math.ceil(env.RPC_TIMEOUT_MS / (retryCount + 1)),
      }),
      batch: { multicall: { wait: 0 } },
    }) as PublicClient;
    setMulticallGasLimit(client, env.MULTICALL_GAS_LIMIT);
  }
  return client;
}

/**
 * The chain head of this render (with the auction's pending bids): one request shared by the
 * index sync, the page's chain reads at that block and the footer's latest block, and by the
 * page cache's check of the same HTTP request (lib/request-scope.ts).
 */
export const renderHead = cache(() => requestScoped("auction head", () => auctionHead(publicClient(), getEnv().AUCTION_ADDRESS)));
