import { parseAbi, type Address, type PublicClient } from "viem";
import { auctionAbi } from "@/contracts-abi";
import { JOIN_CLUSTER_4 } from "./auction-type";

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

/** The chain head with the auction's count of pending bids at it. */
export type AuctionHead = { block: bigint; pendingBids: bigint };

// viem's multicall3Abi leaves this one out.
const blockNumberAbi = parseAbi(["function getBlockNumber() view returns (uint256)"]);

const auctionHeads = new WeakMap<PublicClient, Map<Address, Promise<AuctionHead>>>();

/**
 * The chain head and the auction's pending bids at that block, in one eth_call (Multicall3's
 * getBlockNumber beside getNumBids, at the latest block): a render's first request, shared with
 * concurrent callers. With the count, the ranking can be read at that block in the next request.
 */
export function auctionHead(client: PublicClient, auction: Address): Promise<AuctionHead> {
  const inFlight = auctionHeads.get(client) ?? new Map<Address, Promise<AuctionHead>>();
  auctionHeads.set(client, inFlight);
  let head = inFlight.get(auction);
  if (!head) {
    const multicall3 = client.chain?.contracts?.multicall3?.address;
    if (!multicall3) throw new Error("the client's chain has no Multicall3 address");
    head = client
      .multicall({
        allowFailure: false,
        contracts: [
          { address: multicall3, abi: blockNumberAbi, functionName: "getBlockNumber" },
          { address: auction, abi: auctionAbi, functionName: "getNumBids", args: [JOIN_CLUSTER_4] },
        ],
      })
      .then(([block, pendingBids]) => ({ block, pendingBids }))
      .finally(() => inFlight.delete(auction));
    inFlight.set(auction, head);
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
