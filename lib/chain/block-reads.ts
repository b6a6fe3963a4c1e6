import type { PublicClient } from "viem";

/**
 * Single-flight chain reads. Concurrent callers share one `eth_blockNumber`; reads made at a
 * block are shared by key until a newer block is seen, so a hundred renders at one head cost the
 * chain what one does. Nothing is kept for older blocks: the chain state only moves forward.
 */

const heads = new WeakMap<PublicClient, Promise<bigint>>();

/** The chain head; callers arriving while a request is in flight share its answer. */
export function chainHead(client: PublicClient): Promise<bigint> {
  let head = heads.get(client);
  if (!head) {
    head = client.getBlockNumber({ cacheTime: 0 }).finally(() => heads.delete(client));
    heads.set(client, head);
  }
  return head;
}

type BlockReads = { block: bigint; reads: Map<string, Promise<unknown>> };
const atBlock = new WeakMap<PublicClient, BlockReads>();

/**
 * The value of `key` at `block`: read once with `read` and shared with every caller asking for
 * the same key at the same block. A failed read is forgotten, so the next caller tries again.
 */
export function sharedAtBlock<T>(client: PublicClient, block: bigint, key: string, read: () => Promise<T>): Promise<T> {
  let current = atBlock.get(client);
  if (!current || current.block < block) {
    current = { block, reads: new Map() };
    atBlock.set(client, current);
  }
  // A caller still behind the newest head reads for itself rather than evicting newer results.
  if (current.block !== block) return read();
  const reads = current.reads;
  const cached = reads.get(key);
  if (cached) return cached as Promise<T>;
  const pending = read();
  reads.set(key, pending);
  pending.catch(() => reads.delete(key));
  return pending;
}
