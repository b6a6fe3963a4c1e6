import { createPublicClient, http, toHex, type Hex } from "viem";
import { auctionAbi } from "@/contracts-abi";
import { seededOperators } from "@/devnet/accounts";
import type { Deployment } from "@/devnet/deploy";
import { devnetWriter, type BidSpec } from "@/devnet/seed";
import { auctionScore, JOIN_CLUSTER_4 } from "@/lib/auction/math";

/** Clusters per round of bids; each operator then has ~1/3 of 4x this many bids pending (uint8 on-chain). */
const clustersPerRound = 50;
/** Seconds between blocks, as on Ethereum; keeps an operator's bid ids (which hash the block time) from colliding across rounds. */
const blockInterval = 12;
/** Far above what an auction uses (its cost grows with the bids pending); only gas used is paid. */
const auctionGas = 5_000_000n;

/**
 * Creates `n` clusters one per block, as a real chain does (benchmarks at thousands of clusters).
 * Each round places the bids of `clustersPerRound` clusters in a few full blocks, then mines one
 * auction per block. Cluster i is won by seeded operators 4i..4i+3 (mod 12), so each operator
 * has a seat in a third of the clusters. Every bid of a round outbids what was pending before
 * and is won within the round, so bids pending before stay pending. Fee caps follow the pending
 * block's base fee, never a constant that full blocks can overtake.
 */
export async function seedOnePerBlock(rpcUrl: string, deployment: Deployment, n: number, onProgress?: (done: number) => void): Promise<void> {
  const writer = devnetWriter(rpcUrl, deployment);
  const { client } = writer;
  // Mining a round takes seconds on a busy machine: longer than viem's default 10 s timeout.
  const patient = createPublicClient({ transport: http(rpcUrl, { timeout: 300_000 }) });
  const rpc = <T,>(method: string, params: unknown[] = []) => patient.request({ method, params } as never) as Promise<T>;
  const { auction } = deployment;
  const read = <T,>(functionName: "getNumBids" | "expectedDailyReturnWei", args?: readonly unknown[]) =>
    client.readContract({ address: auction, abi: auctionAbi, functionName, args } as never) as Promise<T>;

  const feeCap = async () => {
    const pending = await client.getBlock({ blockTag: "pending" });
    return toHex((pending.baseFeePerGas ?? 0n) * 3n + 1_000_000_000n);
  };
  type Tx = Awaited<ReturnType<typeof writer.bidTx>>;
  const send = async (tx: Tx, nonce: number, maxFeePerGas: Hex) =>
    rpc<Hex>("eth_sendTransaction", [
      { from: tx.from, to: tx.to, data: tx.data, value: toHex(tx.value ?? 0n), gas: toHex(tx.gas), nonce: toHex(nonce), maxFeePerGas, maxPriorityFeePerGas: "0x0" },
    ]);
  const nonceOf = (address: Hex) => client.getTransactionCount({ address, blockTag: "pending" });

  const whitelisted = await Promise.all(
    seededOperators.map((a) => client.readContract({ address: auction, abi: auctionAbi, functionName: "isWhitelisted", args: [a.address] })),
  );
  const missing = seededOperators.filter((_, i) => !whitelisted[i]).map((a) => a.address);
  if (missing.length > 0) await writer.batch([writer.whitelistTx(missing)]);
  await rpc("anvil_setBlockTimestampInterval", [blockInterval]);
  const [top] = (await client.readContract({ address: auction, abi: auctionAbi, functionName: "getBidRanking", args: [1n, JOIN_CLUSTER_4] })) as readonly { auctionScore: bigint }[];
  const expectedDailyReturnWei = await read<bigint>("expectedDailyReturnWei");
  let days = 90;
  while (top && auctionScore(expectedDailyReturnWei, 0, days, 1) <= top.auctionScore) days++;

  for (let start = 0; start < n; start += clustersPerRound) {
    const count = Math.min(clustersPerRound, n - start);
    const pendingBefore = Number(await read<bigint>("getNumBids", [JOIN_CLUSTER_4]));
    // Bids of the round, best first: cluster start+i takes seats 4i..4i+3 of the ranking.
    const bids: BidSpec[] = [];
    for (let rank = 0; rank < count * 4; rank++) {
      bids.push({ operator: seededOperators[((start * 4 + rank) % seededOperators.length)].address, discountRate: 0, days: days + count * 4 - 1 - rank });
    }
    const txs = await Promise.all(bids.map((bid) => writer.bidTx(bid, pendingBefore + bids.length)));
    const nonces = new Map<Hex, number>();
    for (const tx of txs) if (!nonces.has(tx.from)) nonces.set(tx.from, await nonceOf(tx.from));
    // Byzantine's bid id hashes the operator and the block time: each operator's n-th bid of the
    // round goes into block n of the round, so no operator bids twice in one second.
    const waves: Tx[][] = [];
    const sent = new Map<Hex, number>();
    for (const tx of txs) {
      const n = sent.get(tx.from) ?? 0;
      sent.set(tx.from, n + 1);
      (waves[n] ??= []).push(tx);
    }
    await rpc("evm_setAutomine", [false]);
    try {
      for (const wave of waves) {
        const fee = await feeCap();
        await Promise.all(
          wave.map((tx) => {
            const nonce = nonces.get(tx.from)!;
            nonces.set(tx.from, nonce + 1);
            return send(tx, nonce, fee);
          }),
        );
        await rpc("evm_mine");
        const status = await rpc<{ pending: Hex; queued: Hex }>("txpool_status");
        if (Number(status.pending) + Number(status.queued) > 0) throw new Error(`round at ${start}: bids still pending after their block`);
      }
    } finally {
      await rpc("evm_setAutomine", [true]);
    }
    const placed = Number(await read<bigint>("getNumBids", [JOIN_CLUSTER_4]));
    if (placed !== pendingBefore + bids.length) throw new Error(`round at ${start}: ${placed - pendingBefore} of ${bids.length} bids placed`);

    // One auction per block, as Byzantine's vault runs one per 32 ETH deposited: each deposit is
    // sent, then mined on its own (a block would take several).
    const create = writer.depositTx(1);
    await rpc("anvil_setBalance", [create.from, toHex((create.value ?? 0n) * BigInt(count) + 10n ** 21n)]);
    let nonce = await nonceOf(create.from);
    const createFee = await feeCap();
    await rpc("evm_setAutomine", [false]);
    try {
      for (let i = 0; i < count; i++) {
        await send({ ...create, gas: create.gas > auctionGas ? create.gas : auctionGas }, nonce++, createFee);
        await rpc("evm_mine");
      }
      const status = await rpc<{ pending: Hex; queued: Hex }>("txpool_status");
      if (Number(status.pending) + Number(status.queued) > 0) throw new Error(`round at ${start}: auctions still pending after ${count} blocks`);
    } finally {
      await rpc("evm_setAutomine", [true]);
    }
    const left = Number(await read<bigint>("getNumBids", [JOIN_CLUSTER_4]));
    if (left !== pendingBefore) throw new Error(`round at ${start}: ${(placed - left) / 4} of ${count} auctions ran`);
    onProgress?.(start + count);
  }
}
