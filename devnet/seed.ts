import type { Account, Address, Hex } from "viem";
import { auctionAbi, vaultAbi } from "@/contracts-abi";
import { deployer, seededOperators } from "./accounts";
import { devnetClients, type Deployment } from "./deploy";

const JOIN_CLUSTER_4 = 1;
// The vault calls the auction: its reverts carry the auction's custom errors.
const vaultWithAuctionErrors = [...vaultAbi, ...auctionAbi.filter((item) => item.type === "error")] as const;

export type BidSpec = { operator: Account; discountRate: number; days: number };

/** Seeds a realistic auction: whitelisted operators, clusters won by them, bids still pending. */
export type SeedSummary = { clusters: Hex[]; pendingBids: number; operators: Address[] };

export function devnetWriter(rpcUrl: string, deployment: Deployment) {
  const { publicClient, wallet } = devnetClients(rpcUrl);
  const chain = { id: deployment.chainId } as never;

  /** Places a bid paying exactly the contract's price; with automine the transaction is mined on return. */
  const bid = async ({ operator, discountRate, days }: BidSpec) => {
    const value = await publicClient.readContract({
      address: deployment.auction,
      abi: auctionAbi,
      functionName: "getPriceToPay",
      args: [operator.address, discountRate, days, JOIN_CLUSTER_4],
    });
    return wallet.writeContract({
      account: operator,
      address: deployment.auction,
      abi: auctionAbi,
      functionName: "bid",
      args: [discountRate, days, JOIN_CLUSTER_4],
      value,
      chain,
    });
  };

  const whitelist = (operators: readonly Address[]) =>
    wallet.writeContract({
      account: deployer,
      address: deployment.auction,
      abi: auctionAbi,
      functionName: "whitelistNodeOps",
      args: [operators],
      chain,
    });

  /** Runs an auction through the vault; returns the id of the cluster it created. */
  const createCluster = async (): Promise<Hex> => {
    const hash = await wallet.writeContract({ account: deployer, address: deployment.vault, abi: vaultWithAuctionErrors, functionName: "createCluster", chain });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`createCluster reverted in ${hash}`);
    const created = receipt.logs.find((log) => log.address.toLowerCase() === deployment.auction.toLowerCase() && log.topics.length === 2);
    if (!created?.topics[1]) throw new Error(`no ClusterCreated in ${hash}`);
    return created.topics[1];
  };

  return { publicClient, wallet, bid, whitelist, createCluster };
}

// Four rounds: each group outbids what is pending, so it wins the next auction. Operator 1
// bids twice in round three and takes a single seat there; its second bid stays pending and,
// being better than operator 8's, wins a seat in round four.
const op = (n: number) => seededOperators[n - 1];
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
// Low bids (high discount, short commitment) that stay in the ranking.
const pending: BidSpec[] = [
  { operator: op(9), discountRate: 2000, days: 90 },
  { operator: op(10), discountRate: 1800, days: 100 },
  { operator: op(11), discountRate: 1900, days: 95 },
  { operator: op(12), discountRate: 1500, days: 90 },
  { operator: op(2), discountRate: 2000, days: 91 },
  { operator: op(9), discountRate: 1700, days: 92 },
];

export async function seedDevnet(rpcUrl: string, deployment: Deployment): Promise<SeedSummary> {
  const writer = devnetWriter(rpcUrl, deployment);
  const operators = seededOperators.map((a) => a.address);
  await writer.whitelist(operators);
  for (const spec of pending) await writer.bid(spec);
  const clusters: Hex[] = [];
  for (const round of rounds) {
    for (const spec of round) await writer.bid(spec);
    clusters.push(await writer.createCluster());
  }
  const pendingBids = await writer.publicClient.readContract({
    address: deployment.auction,
    abi: auctionAbi,
    functionName: "getNumBids",
    args: [JOIN_CLUSTER_4],
  });
  return { clusters, pendingBids: Number(pendingBids), operators };
}

/**
 * Creates `n` more clusters as fast as the chain allows (benchmarks, tests): each from four
 * seeded operators bidding above anything pending. Operators must already be whitelisted.
 */
export async function seedClusters(rpcUrl: string, deployment: Deployment, n: number): Promise<Hex[]> {
  const writer = devnetWriter(rpcUrl, deployment);
  // Bids differ from call to call too, so two clusters never share id inputs.
  const salt = Number(await writer.publicClient.getBlockNumber());
  const clusters: Hex[] = [];
  for (let i = 0; i < n; i++) {
    for (let seat = 0; seat < 4; seat++) {
      // Rotating groups of four distinct operators; varied durations give distinct scores.
      const k = salt + i;
      await writer.bid({ operator: seededOperators[(i * 4 + seat) % 12], discountRate: (k * 37 + seat * 11) % 500, days: 365 + ((k * 13 + seat * 7) % 600) });
    }
    clusters.push(await writer.createCluster());
  }
  return clusters;
}
