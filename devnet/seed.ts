/**
 * Seeds the devnet through the dev accounts, which anvil keeps unlocked: `eth_sendTransaction`
 * with explicit nonce and gas is one request per transaction, and transactions that do not
 * depend on each other are mined together (automine off, `evm_mine`), so seeding stays fast.
 * Everything goes through the twin's real permissions: the owner whitelists, operators bid, a
 * strategy vault's deposit runs the auctions, its beacon-chain admin activates and verifies, the
 * staker rewards spend validation credits.
 */
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  parseEther,
  parseEventLogs,
  toHex,
  type Account,
  type Address,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { auctionAbi, stakerRewardsAbi, vaultAbi, vaultManagerAbi } from "@/contracts-abi";
import { auctionScore, bidPrice, JOIN_CLUSTER_4 } from "@/lib/auction/math";
import { deployer, seededOperators } from "./accounts";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import type { Deployment } from "./deploy";

export { ClusterStatus };
export type ClusterStatusValue = (typeof ClusterStatus)[keyof typeof ClusterStatus];

// Generous fixed limits: with automine off a transaction cannot be estimated against the state
// the earlier ones of its batch will leave. A bid may re-form the virtual cluster (~0.5M) and
// walks the sorted scores up from the lowest, one step per lower score.
const BID_GAS = 900_000n;
const BID_GAS_PER_PENDING = 5_000n;
/** Per auction a deposit runs: split, four winners out, the next virtual cluster formed. */
const CLUSTER_GAS = 1_500_000n;
/** Auctions per deposit transaction (each deposit is a new vault with its own EigenPod). */
const CLUSTERS_PER_DEPOSIT = 8;
const ADMIN_GAS = 300_000n;
// Fee caps far above anvil's base fee, so full blocks raising it never strand a transaction.
const MAX_FEE_PER_GAS = 100_000_000_000n;
const VALIDATOR_DEPOSIT = parseEther("32");

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
  /** The strategy vault that created each cluster (its admin writes the cluster's status). */
  const vaultOf = new Map<Hex, Address>();

  async function nextSecond() {
    const latest = await client.getBlock({ blockTag: "latest" });
    await rpc("evm_setNextBlockTimestamp", [toHex(latest.timestamp + 1n)]);
  }

  /**
   * Sends `txs` and mines them. Byzantine's bid id hashes the sender and the block time, so the
   * n-th transactions of every sender form wave n, mined in a second of its own. Their order
   * across senders is not defined: put only transactions that do not depend on each other in one
   * batch (a sender's own transactions keep their order).
   */
  async function batch(txs: Tx[]): Promise<TransactionReceipt[]> {
    if (txs.length === 0) return [];
    const senders = [...new Set(txs.map((tx) => tx.from))];
    const counts = await Promise.all(senders.map((address) => client.getTransactionCount({ address, blockTag: "pending" })));
    const nonces = new Map(senders.map((address, i) => [address, counts[i]]));
    const waves: { tx: Tx; index: number; nonce: number }[][] = [];
    const sent = new Map<Address, number>();
    for (const [index, tx] of txs.entries()) {
      const n = sent.get(tx.from) ?? 0;
      sent.set(tx.from, n + 1);
      (waves[n] ??= []).push({ tx, index, nonce: nonces.get(tx.from)! + n });
    }
    const hashes: Hex[] = new Array(txs.length);
    const automine = await rpc<boolean>("anvil_getAutomine");
    await rpc("evm_setAutomine", [false]);
    try {
      for (const wave of waves) {
        await nextSecond();
        await Promise.all(
          wave.map(async ({ tx, index, nonce }) => {
            hashes[index] = await rpc<Hex>("eth_sendTransaction", [
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
          if (blocks > wave.length) throw new Error(`transactions still pending after ${blocks} blocks`);
        }
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

  /** A staker's deposit into a new vault: one auction per 32 ETH, the clusters sharing its EigenPod. */
  const depositTx = (clusters: number): Tx => ({
    from: deployer.address,
    to: deployment.vault,
    data: encodeFunctionData({ abi: vaultManagerAbi, functionName: "createStratVaultAndStakeNativeETH" }),
    value: VALIDATOR_DEPOSIT * BigInt(clusters),
    gas: ADMIN_GAS + CLUSTER_GAS * BigInt(clusters),
  });
  const vaultTx = (clusterId: Hex, data: Hex): Tx => {
    const vault = vaultOf.get(clusterId);
    if (!vault) throw new Error(`cluster ${clusterId} was not created by this writer: its vault is unknown`);
    return { from: deployer.address, to: vault, data, gas: ADMIN_GAS };
  };
  /** What the vault's beacon-chain admin does after the DKG: DEPOSITED, public key recorded. */
  const activateTx = (clusterId: Hex, pubkey: Hex) => vaultTx(clusterId, encodeFunctionData({ abi: vaultAbi, functionName: "activateCluster", args: [pubkey, clusterId] }));
  const verifyTx = (clusterId: Hex) => vaultTx(clusterId, encodeFunctionData({ abi: vaultAbi, functionName: "verifyWithdrawalCredentials", args: [clusterId] }));
  /** Devnet only: a status no vault path reaches (INACTIVE). */
  const statusTx = (clusterId: Hex, status: ClusterStatusValue) => vaultTx(clusterId, encodeFunctionData({ abi: vaultAbi, functionName: "setClusterStatus", args: [clusterId, status] }));
  /** The staker rewards spend `vcs` validation credits of every node; one at 0 exits the cluster. */
  const consumeVCsTx = (clusterId: Hex, vcs: number): Tx => ({
    from: deployer.address,
    to: deployment.stakerRewards,
    data: encodeFunctionData({ abi: stakerRewardsAbi, functionName: "consumeVCs", args: [clusterId, vcs] }),
    gas: ADMIN_GAS,
  });

  /** The ids of the clusters the receipts created, in order (their vaults remembered). */
  const createdClusters = (receipts: TransactionReceipt[]): Hex[] =>
    receipts.flatMap((r) =>
      parseEventLogs({ abi: auctionAbi, eventName: "ClusterCreated", logs: r.logs }).map((log) => {
        vaultOf.set(log.args.clusterId, log.args.vaultAddr);
        return log.args.clusterId;
      }),
    );

  /** anvil's deployer starts with 10,000 ETH; hundreds of 32 ETH deposits need more. */
  async function fund(amount: bigint) {
    const balance = await client.getBalance({ address: deployer.address });
    if (balance < amount + parseEther("100")) await rpc("anvil_setBalance", [deployer.address, toHex(amount + parseEther("1000"))]);
  }

  /** Runs `clusters` auctions through vault deposits of at most CLUSTERS_PER_DEPOSIT each. */
  async function createClusters(clusters: number): Promise<Hex[]> {
    await fund(VALIDATOR_DEPOSIT * BigInt(clusters));
    const sizes = Array.from({ length: Math.ceil(clusters / CLUSTERS_PER_DEPOSIT) }, (_, i) => Math.min(CLUSTERS_PER_DEPOSIT, clusters - i * CLUSTERS_PER_DEPOSIT));
    const created = createdClusters(await batch(sizes.map(depositTx)));
    if (created.length !== clusters) throw new Error(`expected ${clusters} clusters, got ${created.length}`);
    return created;
  }

  const numBids = () => client.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getNumBids", args: [JOIN_CLUSTER_4] });

  /** Places the bids, then runs `clusters` auctions; returns the new cluster ids. */
  async function bidAndCreate(bids: BidSpec[], clusters: number): Promise<Hex[]> {
    const pendingBefore = await numBids();
    await batch(await Promise.all(bids.map((bid) => bidTx(bid, Number(pendingBefore) + bids.length))));
    return createClusters(clusters);
  }

  /** Single transactions, each mined on return, for tests that go step by step. */
  const send = async (tx: Tx): Promise<Hex> => (await batch([tx]))[0].transactionHash;
  const bid = async (spec: BidSpec) => send(await bidTx(spec, Number(await numBids())));
  const whitelist = (operators: readonly Address[]) => send(whitelistTx(operators));
  const createCluster = async (): Promise<Hex> => (await createClusters(1))[0];

  return { publicClient, client, wallet, rpc, batch, bidTx, whitelistTx, depositTx, activateTx, verifyTx, statusTx, consumeVCsTx, createdClusters, bidAndCreate, send, bid, whitelist, createCluster, createClusters };
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
    // One deposit: the four share a vault and its EigenPod, as a 128 ETH deposit does.
    const created = await seedClusters(rpcUrl, deployment, seededStatuses.length, writer);
    const details = await Promise.all(created.map((clusterId) => writer.client.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getClusterDetails", args: [clusterId] })));
    await writer.batch(
      created.flatMap((clusterId, i) => {
        const status = seededStatuses[i];
        statusClusters.push({ clusterId, status });
        if (status === ClusterStatus.INACTIVE) return [writer.statusTx(clusterId, status)];
        const activate = writer.activateTx(clusterId, devnetPubKey(clusterId));
        if (status === ClusterStatus.DEPOSITED) return [activate];
        if (status === ClusterStatus.VERIFIED) return [activate, writer.verifyTx(clusterId)];
        // EXITED: the staker rewards spend the credits of the node with the fewest.
        return [activate, writer.consumeVCsTx(clusterId, Math.min(...details[i].nodes.map((n) => n.currentVCNumber)))];
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
export async function seedClusters(rpcUrl: string, deployment: Deployment, n: number, writer = devnetWriter(rpcUrl, deployment)): Promise<Hex[]> {
  const { auction } = deployment;
  const [whitelisted, pending, expectedDailyReturnWei] = await Promise.all([
    Promise.all(seededOperators.map((a) => writer.client.readContract({ address: auction, abi: auctionAbi, functionName: "isWhitelisted", args: [a.address] }))),
    writer.client.readContract({ address: auction, abi: auctionAbi, functionName: "getNumBids", args: [JOIN_CLUSTER_4] }),
    writer.client.readContract({ address: auction, abi: auctionAbi, functionName: "expectedDailyReturnWei" }),
  ]);
  // The ranking's first score is always right (only entries after a tie can be wrong); the contract refuses a ranking of 0 bids.
  const [top] = pending > 0n ? await writer.client.readContract({ address: auction, abi: auctionAbi, functionName: "getBidRanking", args: [1n, JOIN_CLUSTER_4] }) : [];
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
