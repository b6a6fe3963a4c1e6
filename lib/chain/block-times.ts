import "server-only";
import type { PublicClient } from "viem";
import { mapBounded } from "./bounded-multicall";

/** Blocks asked for in one JSON-RPC batch (nodes commonly accept 100 or more per batch). */
export const blocksPerBatch = 100;
/** Batches in flight at once. */
const batchParallelism = 2;

/**
 * The timestamps (seconds) of `blockNumbers`. Each group of `blocksPerBatch` is requested in one
 * tick, which a batching transport (the server's, lib/chain/client) sends as one JSON-RPC batch;
 * only a few groups are in flight at once, so indexing thousands of blocks is never a burst of
 * thousands of requests.
 */
export async function blockTimes(client: PublicClient, blockNumbers: readonly bigint[]): Promise<Map<bigint, number>> {
  const unique = [...new Set(blockNumbers)];
  const groups: bigint[][] = [];
  for (let i = 0; i < unique.length; i += blocksPerBatch) groups.push(unique.slice(i, i + blocksPerBatch));
  const blocks = await mapBounded(groups, batchParallelism, (group) => Promise.all(group.map((blockNumber) => client.getBlock({ blockNumber }))));
  return new Map(blocks.flat().map((block) => [block.number, Number(block.timestamp)]));
}
