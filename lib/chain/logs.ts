import "server-only";
import type { AbiEvent, Address, Log, PublicClient } from "viem";

export type ChunkedLogsOptions<Events extends readonly AbiEvent[]> = {
  client: PublicClient;
  address: Address;
  events: Events;
  fromBlock: bigint;
  toBlock: bigint;
  /** Largest block range asked for in one request. */
  chunkSize: number;
  /** Called with each range actually requested (tests and logs). */
  onRequest?: (from: bigint, to: bigint) => void;
};

/**
 * eth_getLogs over a long range in bounded chunks. Providers refuse ranges or result sets they
 * find too large, each with its own message, so any failure of a multi-block range splits it in
 * two and retries; later chunks keep the smaller size. A single block that fails is an error.
 */
export async function getLogsChunked<const Events extends readonly AbiEvent[]>(
  options: ChunkedLogsOptions<Events>,
): Promise<Log<bigint, number, false, undefined, true, Events>[]> {
  const { client, address, events, toBlock, onRequest } = options;
  let size = BigInt(options.chunkSize);
  const logs: Log<bigint, number, false, undefined, true, Events>[] = [];

  const fetchRange = async (from: bigint, to: bigint): Promise<void> => {
    onRequest?.(from, to);
    try {
      logs.push(...(await client.getLogs({ address, events, fromBlock: from, toBlock: to, strict: true })));
    } catch (error) {
      if (from === to) throw error;
      const middle = from + (to - from) / 2n;
      size = middle - from + 1n;
      await fetchRange(from, middle);
      await fetchRange(middle + 1n, to);
    }
  };

  for (let from = options.fromBlock; from <= toBlock; ) {
    const to = from + size - 1n < toBlock ? from + size - 1n : toBlock;
    await fetchRange(from, to);
    from = to + 1n;
  }
  return logs;
}
