import {
  decodeFunctionResult,
  encodeFunctionData,
  multicall3Abi,
  type ContractFunctionParameters,
  type DecodeFunctionResultParameters,
  type EncodeFunctionDataParameters,
  type PublicClient,
} from "viem";

/**
 * Multicall3 reads that never outgrow a node's `eth_call` gas cap (30M on geth and anvil by
 * default): calls are packed into chunks by their estimated gas, and the chunks run a few at a
 * time, so a read's size and its burst of requests stay bounded whatever the number of calls.
 */

/** Used when the configuration sets none (MULTICALL_GAS_LIMIT), a third of the usual 30M cap. */
const defaultMulticallGasLimit = 10_000_000n;
/** Chunks of one read in flight at once. */
const multicallParallelism = 4;

// Per-call gas of the reads we make inside aggregate3, measured with eth_estimateGas on the
// devnet contract (cold storage: 31k, 11k and 6k) with headroom; anything else counts as more.
const estimatedGas: Record<string, bigint> = {
  getClusterDetails: 40_000n,
  getBidDetails: 15_000n,
  getNodeOpDetails: 10_000n,
};
const otherCallGas = 60_000n;

const limits = new WeakMap<PublicClient, bigint>();

/** Sets the gas limit of one multicall made through `client` (the server's client: MULTICALL_GAS_LIMIT). */
export function setMulticallGasLimit(client: PublicClient, gas: bigint): void {
  limits.set(client, gas);
}

/** Splits calls into consecutive chunks whose estimated gas fits `gasLimit` (one call per chunk at least). */
function chunkByGas<T extends { functionName: string }>(calls: readonly T[], gasLimit: bigint): T[][] {
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

/**
 * `client.multicall` without failures allowed, split by gas; results in call order. Each chunk is
 * one aggregate3 call of its own: viem's multicall would hand single calls to the client's
 * multicall batching, which merges concurrent chunks back into one unbounded eth_call.
 */
export async function boundedMulticall(
  client: PublicClient,
  calls: readonly ContractFunctionParameters[],
  options: { blockNumber?: bigint; gasLimit?: bigint } = {},
): Promise<unknown[]> {
  const gasLimit = options.gasLimit ?? limits.get(client) ?? defaultMulticallGasLimit;
  const multicall3 = client.chain?.contracts?.multicall3?.address;
  if (!multicall3) throw new Error("the client's chain has no Multicall3 address");
  const results = await mapBounded(chunkByGas(calls, gasLimit), multicallParallelism, async (chunk) => {
    const returned = await client.readContract({
      address: multicall3,
      abi: multicall3Abi,
      functionName: "aggregate3",
      args: [chunk.map((call) => ({ target: call.address, allowFailure: false, callData: encodeFunctionData(call as EncodeFunctionDataParameters) }))],
      blockNumber: options.blockNumber,
    });
    return returned.map((result, i) => decodeFunctionResult({ ...(chunk[i] as unknown as DecodeFunctionResultParameters), data: result.returnData }));
  });
  return results.flat();
}
