/**
 * Seeds the devnet through the dev accounts, which anvil keeps unlocked: `eth_sendTransaction`
 * with explicit nonce and gas is one request per transaction, and transactions that do not
 * depend on each other are mined together (automine off, `evm_mine`), so seeding stays fast.
 */
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  parseEventLogs,
  toHex,
  type Account,
  type Address,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { auctionAbi, vaultAbi } from "@/contracts-abi";
import { auctionScore, bidPrice, JOIN_CLUSTER_4 } from "@/lib/auction/math";
import { deployer, seededOperators } from "./accounts";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import type { Deployment } from "./deploy";

export { ClusterStatus };
export type ClusterStatusValue = (typeof ClusterStatus)[keyof typeof ClusterStatus];

// Generous fixed limits: with automine off a transaction cannot be estimated against the state
// the earlier ones of its batch will leave. A first bid fills ~11 fresh storage slots (~250k);
// a bid walks the pending list up from its tail, one step per lower bid, so its limit grows
// with the bids it may have to pass.
const BID_GAS = 350_000n;
const BID_GAS_PER_PENDING = 5_000n;
const CLUSTER_GAS = 1_500_000n;
const ADMIN_GAS = 300_000n;
// Fee caps far above anvil's base fee, so full blocks raising it never strand a transaction.
const MAX_FEE_PER_GAS = 100_000_000_000n;

type Tx = { from: Address; to: Address; data: Hex; value?: bigint; gas: bigint };
/** The operator is an address or a viem account (sent through anvil's unlocked dev accounts either way). */
export type BidSpec = { operator: Address | Account; discountRate: number; days: number };

export function devnetWriter(rpcUrl: string, deployment: Deployment) {
  const transport = http(rpcUrl, { batch: { batchSize: 200 } });
  const publicClient = createPublicClient({ transport, cacheTime: 0, pollingInterval: 50 });
  const client = publicClient;
  /** Signs with the deployer unless a call names another account. */
  const wallet = createWalletClient({ account: deployer, transport });
  const rpc = <T>(method: string, params: unknown[] = []) => client.request({ method, params } as never) as Promise<T>;
  let expectedDailyReturnWei: bigint | undefined;

  /**
   * Sends `txs` and mines them, in as many blocks as their gas needs. Their order across senders
   * is not defined: put only transactions that do not depend on each other in one batch.
   */
  async function batch(txs: Tx[]): Promise<TransactionReceipt[]> {
    if (txs.length === 0) return [];
    const senders = [...new Set(txs.map((tx) => tx.from))];
    const counts = await Promise.all(senders.map((address) => client.getTransactionCount({ address, blockTag: "pending" })));
    const nonces = new Map(senders.map((address, i) => [address, counts[i]]));
    const automine = await rpc<boolean>("anvil_getAutomine");
    await rpc("evm_setAutomine", [false]);
    let hashes: Hex[];
    try {
      hashes = await Promise.all(
        txs.map((tx) => {
          const nonce = nonces.get(tx.from) ?? 0;
          nonces.set(tx.from, nonce + 1);
          return rpc<Hex>("eth_sendTransaction", [
            {
              from: tx.from,
              to: tx.to,
              data: tx.data,
              value: toHex(tx.value ?? 0n),
              gas: toHex(tx.gas),
              nonce: toHex(nonce),
              maxFeePerGas: toHex(MAX_FEE_PER_GAS),
              maxPriorityFeePerGas: "0x0",
            },
          ]);
        }),
      );
      for (let blocks = 0; ; blocks++) {
        await rpc("evm_mine");
        const status = await rpc<{ pending: Hex; queued: Hex }>("txpool_status");
        if (Number(status.pending) === 0 && Number(status.queued) === 0) break;
        if (blocks > txs.length) throw new Error(`transactions still pending after ${blocks} blocks`);
      }
    } finally {
      await rpc("evm_setAutomine", [automine]);
    }
    const receipts = await Promise.all(hashes.map((hash) => client.getTransactionReceipt({ hash })));
    const failed = receipts.findIndex((r) => r.status !== "success");
    if (failed >= 0) throw new Error(`seed transaction ${receipts[failed].transactionHash} reverted (gas ${receipts[failed].gasUsed}/${txs[failed].gas}) (${txs[failed].data.slice(0, 10)})`);
    return receipts;
  }

  /** A bid paying exactly the contract's price, with gas to pass `pendingBids` lower bids. */
  async function bidTx({ operator, discountRate, days }: BidSpec, pendingBids: number): Promise<Tx> {
    expectedDailyReturnWei ??= await client.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "expectedDailyReturnWei" });
    return {
      from: typeof operator === "string" ? operator : operator.address,
      to: deployment.auction,
      data: encodeFunctionData({ abi: auctionAbi, functionName: "bid", args: [discountRate, days, JOIN_CLUSTER_4] }),
      value: bidPrice(expectedDailyReturnWei, discountRate, days),
      gas: BID_GAS + BID_GAS_PER_PENDING * BigInt(pendingBids),
    };
  }

  const whitelistTx = (operators: readonly Address[]): Tx => ({
    from: deployer.address,
    to: deployment.auction,
    data: encodeFunctionData({ abi: auctionAbi, functionName: "whitelistNodeOps", args: [operators] }),
    gas: ADMIN_GAS + 50_000n * BigInt(operators.length),
  });

  const vaultTx = (data: Hex, gas = ADMIN_GAS): Tx => ({ from: deployer.address, to: deployment.vault, data, gas });
  const createClusterTx = () => vaultTx(encodeFunctionData({ abi: vaultAbi, functionName: "createCluster" }), CLUSTER_GAS);
  const statusTx = (clusterId: Hex, status: ClusterStatusValue) =>
    vaultTx(encodeFunctionData({ abi: vaultAbi, functionName: "updateClusterStatus", args: [clusterId, status] }));
  const pubKeyTx = (clusterId: Hex, pubkey: Hex) =>
    vaultTx(encodeFunctionData({ abi: vaultAbi, functionName: "setClusterPubKey", args: [clusterId, pubkey] }));

  /** The ids of the clusters the receipts created, in order. */
  const createdClusters = (receipts: TransactionReceipt[]): Hex[] =>
    receipts.flatMap((r) => parseEventLogs({ abi: auctionAbi, eventName: "ClusterCreated", logs: r.logs }).map((log) => log.args.clusterId));

  /**
   * anvil gives blocks of one second the same timestamp; auctions in a later second keep their
   * cluster ids apart from earlier ones that had the same winners and average score.
   */
  async function nextSecond() {
    const latest = await client.getBlock({ blockTag: "latest" });
    await rpc("evm_setNextBlockTimestamp", [toHex(latest.timestamp + 1n)]);
  }

  /** Places the bids together, then runs one auction per `clusters`; returns the new cluster ids. */
  async function bidAndCreate(bids: BidSpec[], clusters: number): Promise<Hex[]> {
    const pendingBefore = await client.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getNumBids", args: [JOIN_CLUSTER_4] });
    await batch(await Promise.all(bids.map((bid) => bidTx(bid, Number(pendingBefore) + bids.length))));
    await nextSecond();
    const created = createdClusters(await batch(Array.from({ length: clusters }, createClusterTx)));
    if (created.length !== clusters) throw new Error(`expected ${clusters} clusters, got ${created.length}`);
    return created;
  }

  /** Single transactions, each mined on return (automine), for tests that go step by step. */
  const send = async (tx: Tx): Promise<Hex> => (await batch([tx]))[0].transactionHash;
  const bid = async (spec: BidSpec) => send(await bidTx(spec, Number(await client.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getNumBids", args: [JOIN_CLUSTER_4] }))));
  const whitelist = (operators: readonly Address[]) => send(whitelistTx(operators));
  const createCluster = async (): Promise<Hex> => {
    await nextSecond();
    return createdClusters(await batch([createClusterTx()]))[0];
  };

  return { publicClient, client, wallet, rpc, batch, bidTx, whitelistTx, createClusterTx, statusTx, pubKeyTx, createdClusters, bidAndCreate, send, bid, whitelist, createCluster };
}

// Four rounds: each group outbids what is pending, so it wins the next auction. Operator 1
// bids twice in round three and takes a single seat there; its second bid stays pending and,
// being better than operator 8's, wins a seat in round four.
const op = (n: number) => seededOperators[n - 1].address;
const rounds: BidSpec[][] = [
  [
    { operator: op(1), discountRate: 500, days: 365 },
    { operator: op(2), discountRate: 300, days: 180 },
    { operator: op(3), discountRate: 1000, days: 730 },
    { operator: op(4), discountRate: 0, days: 120 },
  ],
  [
    { operator: op(5), discountRate: 250, days: 400 },
    { operator: op(6), discountRate: 800, days: 1000 },
    { operator: op(7), discountRate: 100, days: 200 },
    { operator: op(8), discountRate: 600, days: 500 },
  ],
  [
    { operator: op(1), discountRate: 0, days: 900 },
    { operator: op(1), discountRate: 50, days: 850 },
    { operator: op(3), discountRate: 150, days: 365 },
    { operator: op(5), discountRate: 400, days: 600 },
    { operator: op(7), discountRate: 700, days: 800 },
  ],
  [
    { operator: op(2), discountRate: 200, days: 270 },
    { operator: op(4), discountRate: 350, days: 450 },
    { operator: op(6), discountRate: 0, days: 180 },
    { operator: op(8), discountRate: 900, days: 950 },
  ],
];
// Low bids (high discount, short commitment) that stay in the ranking, operator 8's round-four
// bid joining them.
const pending: BidSpec[] = [
  { operator: op(9), discountRate: 2000, days: 90 },
  { operator: op(10), discountRate: 1800, days: 100 },
  { operator: op(11), discountRate: 1900, days: 95 },
  { operator: op(12), discountRate: 1500, days: 90 },
  { operator: op(2), discountRate: 2000, days: 91 },
  { operator: op(9), discountRate: 1700, days: 92 },
];

/** Statuses given to the extra clusters of `seedDevnet(..., { statuses: true })`, in creation order. */
export const seededStatuses = [ClusterStatus.DEPOSITED, ClusterStatus.VERIFIED, ClusterStatus.EXITED, ClusterStatus.INACTIVE] as const;

/** A stand-in 48-byte validator public key per cluster (not a BLS point: no validator exists on the devnet). */
export const devnetPubKey = (clusterId: Hex): Hex => `${keccak256(clusterId)}${keccak256(keccak256(clusterId)).slice(2, 34)}`;

export type SeedOptions = {
  /**
   * Also create one cluster per later status (DEPOSITED, VERIFIED, EXITED with a public key set,
   * then INACTIVE), after the four in creation. Off by default: tests count on the four.
   */
  statuses?: boolean;
};

export type SeedSummary = {
  /** Cluster ids in creation order: the four IN_CREATION ones, then `statusClusters` if asked for. */
  clusters: Hex[];
  statusClusters: { clusterId: Hex; status: ClusterStatusValue }[];
  pendingBids: number;
  operators: Address[];
};

/**
 * Seeds a realistic auction, the same way every time: operators 1-12 whitelisted, four clusters
 * won by them (IN_CREATION), seven bids still pending, operator 12 in no cluster.
 */
export async function seedDevnet(rpcUrl: string, deployment: Deployment, options: SeedOptions = {}): Promise<SeedSummary> {
  const writer = devnetWriter(rpcUrl, deployment);
  const operators = seededOperators.map((a) => a.address);
  await writer.batch([writer.whitelistTx(operators)]);
  const clusters: Hex[] = [];
  for (const [i, round] of rounds.entries()) {
    clusters.push(...(await writer.bidAndCreate(i === 0 ? [...pending, ...round] : round, 1)));
  }

  const statusClusters: SeedSummary["statusClusters"] = [];
  if (options.statuses) {
    const created = await seedClusters(rpcUrl, deployment, seededStatuses.length);
    await writer.batch(
      created.flatMap((clusterId, i) => {
        const status = seededStatuses[i];
        statusClusters.push({ clusterId, status });
        return status === ClusterStatus.INACTIVE ? [writer.statusTx(clusterId, status)] : [writer.pubKeyTx(clusterId, devnetPubKey(clusterId)), writer.statusTx(clusterId, status)];
      }),
    );
    clusters.push(...created);
  }

  const pendingBids = await writer.client.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getNumBids", args: [JOIN_CLUSTER_4] });
  return { clusters, statusClusters, pendingBids: Number(pendingBids), operators };
}

/** Clusters per bid-then-auction round: bounds each operator's pending bids (a uint8 on-chain). */
const CLUSTERS_PER_ROUND = 50;

/**
 * Creates `n` more clusters quickly (benchmarks, tests) and returns their ids in creation order.
 * Cluster i is won by seeded operators 4i..4i+3 (mod 12) with bids that rank above everything
 * pending and below the bids of cluster i-1, so every auction picks exactly its group and the
 * bids pending before stay pending. Whitelists the seeded operators if needed. Toggles automine:
 * do not run it on a chain other tests are writing to at the same time.
 */
export async function seedClusters(rpcUrl: string, deployment: Deployment, n: number): Promise<Hex[]> {
  const writer = devnetWriter(rpcUrl, deployment);
  const { auction } = deployment;
  const [whitelisted, [top], expectedDailyReturnWei] = await Promise.all([
    Promise.all(seededOperators.map((a) => writer.client.readContract({ address: auction, abi: auctionAbi, functionName: "isWhitelisted", args: [a.address] }))),
    writer.client.readContract({ address: auction, abi: auctionAbi, functionName: "getBidRanking", args: [1n, JOIN_CLUSTER_4] }),
    writer.client.readContract({ address: auction, abi: auctionAbi, functionName: "expectedDailyReturnWei" }),
  ]);
  const missing = seededOperators.filter((_, i) => !whitelisted[i]).map((a) => a.address);
  if (missing.length > 0) await writer.batch([writer.whitelistTx(missing)]);

  // Every bid has discount 0 and one day less than the bid before it, so scores strictly fall
  // (distinct averages, hence distinct cluster ids) and the last one still beats the best pending bid.
  let days = 90;
  while (top && auctionScore(expectedDailyReturnWei, 0, days, 1) <= top.auctionScore) days++;
  const clusters: Hex[] = [];
  for (let start = 0; start < n; start += CLUSTERS_PER_ROUND) {
    const count = Math.min(CLUSTERS_PER_ROUND, n - start);
    const bids: BidSpec[] = [];
    for (let i = 0; i < count; i++) {
      for (let seat = 0; seat < 4; seat++) {
        const rank = (start + i) * 4 + seat;
        bids.push({ operator: seededOperators[rank % seededOperators.length].address, discountRate: 0, days: days + (n * 4 - 1 - rank) });
      }
    }
    clusters.push(...(await writer.bidAndCreate(bids, count)));
  }
  return clusters;
}
