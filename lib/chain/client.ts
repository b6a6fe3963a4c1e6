import "server-only";
import { createPublicClient, http, type PublicClient } from "viem";
import { getEnv, publicConfig } from "@/lib/env";
import { blocksPerBatch } from "./block-times";
import { setMulticallGasLimit } from "./bounded-multicall";
import { configuredChain } from "./chains";

let client: PublicClient | undefined;

/**
 * The server's viem client: contract reads in one tick are batched into Multicall3 calls, other
 * requests of one tick into one JSON-RPC batch (block timestamps while indexing), and multicalls
 * are split to fit MULTICALL_GAS_LIMIT.
 */
export function publicClient(): PublicClient {
  if (!client) {
    client = createPublicClient({
      chain: configuredChain(publicConfig(getEnv())),
      transport: http(getEnv().RPC_URL, { batch: { batchSize: blocksPerBatch, wait: 0 }, retryCount: 2, timeout: 10_000 }),
      batch: { multicall: { wait: 0 } },
    }) as PublicClient;
    setMulticallGasLimit(client, getEnv().MULTICALL_GAS_LIMIT);
  }
  return client;
}
