import type { ContractFunctionParameters, PublicClient } from "viem";

/**
 * Multicall3 reads that never outgrow a node's `eth_call` gas cap (30M on geth and anvil by
 * default): calls are packed into chunks by their estimated gas, and the chunks run a few at a
 * time, so a read's size and its burst of requests stay bounded whatever the number of calls.
 */

/** Used when the configuration sets none (MULTICALL_GAS_LIMIT), a third of the usual 30M cap. */
export const defaultMulticallGasLimit = 10_000_000n;
/** Chunks of one read in flight at once. */
export const multicallParallelism = 4;

// Per-call gas for the reads we make, measured on the devnet contract (cold storage, so an upper
// bound) with headroom; anything else counts as the largest.
const estimatedGas: Record<string, bigint> = {
  getClusterDetails: 45_000n,
  getBidDetails: 30_000n,
  getNodeOpDetails: 15_000n,
};
const otherCallGas = 60_000n;

const limits = new WeakMap<PublicClient, bigint>();

/** Sets the gas limit of one multicall made through `client` (the server's client: MULTICALL_GAS_LIMIT). */
export function setMulticallGasLimit(client: PublicClient, gas: bigint): void {
  limits.set(client, gas);
}

/** Splits calls into consecutive chunks whose estimated gas fits `gasLimit` (one call per chunk at least). */
export function chunkByGas<T extends { functionName: string }>(calls: readonly T[], gasLimit: bigint): T[][] {
  const chunks: T[][] = [];
  let gas = 0n;
  for (const call of calls) {
    const cost = estimatedGas[call.functionName] ?? otherCallGas;
    if (chunks.length === 0 || gas + cost > gasLimit) {
      chunks.push([]);
      gas = 0n;
    }
    chunks[chunks.length - 1].push(call);
    gas += cost;
  }
  return chunks;
}

/** Runs `task` over `items` with at most `parallel` in flight, results in input order. */
export async function mapBounded<T, R>(items: readonly T[], parallel: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

/** `client.multicall` without failures allowed, split by gas; results in call order. */
export async function boundedMulticall(
  client: PublicClient,
  calls: readonly ContractFunctionParameters[],
  options: { blockNumber?: bigint; gasLimit?: bigint } = {},
): Promise<unknown[]> {
  const gasLimit = options.gasLimit ?? limits.get(client) ?? defaultMulticallGasLimit;
  const chunks = chunkByGas(calls, gasLimit);
  // batchSize 0: viem must not split a chunk again by its byte size.
  const results = await mapBounded(chunks, multicallParallelism, (contracts) =>
    client.multicall({ allowFailure: false, batchSize: 0, blockNumber: options.blockNumber, contracts }),
  );
  return results.flat();
}
