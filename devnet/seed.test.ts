/** seedDevnet and seedClusters on private chains (they write). */
import { concat, sha256, zeroHash, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { auctionAbi } from "@/contracts-abi";
import { auctionScore, averageScore } from "@/lib/auction/math";
import { seededOperators } from "./accounts";
import { auctionParameters } from "./deploy";
import { ClusterStatus, devnetPubKey, seedClusters, seedDevnet } from "./seed";
import { ownChain, type OwnChain } from "./testing/chain";

const E = auctionParameters.expectedDailyReturnWei;
const number = (address: Address) => seededOperators.findIndex((a) => a.address === address) + 1;

async function clusterOf(chain: OwnChain, clusterId: Hex) {
  const { publicClient, deployment } = chain;
  const details = await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getClusterDetails", args: [clusterId] });
  const bids = await Promise.all(
    details.nodes.map((node) => publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getBidDetails", args: [node.bidId] })),
  );
  return { ...details, operators: bids.map((b) => number(b.nodeOp)), bids };
}

async function pendingRanking(chain: OwnChain) {
  const { publicClient, deployment } = chain;
  const pending = await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getNumBids", args: [1] });
  const ranking = await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getBidRanking", args: [pending, 1] });
  const bids = await Promise.all(ranking.map((r) => publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getBidDetails", args: [r.bidId] })));
  // Scores from the stored bids: Byzantine's ranking misreports them after ties.
  return ranking.map((r, i) => ({ bidId: r.bidId, auctionScore: bids[i].auctionScore, operator: number(bids[i].nodeOp), discountRate: bids[i].discountRate, days: bids[i].vcNumber }));
}

/** What the seed's four auctions produce, worked out from its bids (devnet/seed.ts rounds). */
const seededClusters = [
  { operators: [4, 2, 1, 3], bids: [[0, 120], [300, 180], [500, 365], [1000, 730]] },
  { operators: [6, 5, 7, 8], bids: [[800, 1000], [250, 400], [100, 200], [600, 500]] },
  { operators: [1, 3, 5, 7], bids: [[0, 900], [150, 365], [400, 600], [700, 800]] },
  { operators: [1, 6, 4, 2], bids: [[50, 850], [0, 180], [350, 450], [200, 270]] },
] as const;

describe("seedDevnet", () => {
  const chain = ownChain({ seed: true });

  it("whitelists operators 1-12 and creates the four clusters the rounds describe", async () => {
    const seed = chain().seed!;
    expect(seed.operators).toEqual(seededOperators.map((a) => a.address));
    expect(seed.clusters).toHaveLength(4);
    expect(seed.statusClusters).toEqual([]);
    const { publicClient, deployment } = chain();
    for (const operator of seed.operators) {
      expect(await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getNodeOpDetails", args: [operator] })).toMatchObject({
        isWhitelisted: true,
        // Byzantine's whitelisting leaves the reputation at 0 (bids score with 1 regardless).
        reputationScore: 0,
      });
    }

    const clusters = await Promise.all(seed.clusters.map((id) => clusterOf(chain(), id)));
    for (const [i, cluster] of clusters.entries()) {
      const expected = seededClusters[i];
      expect(cluster.operators, `cluster ${i + 1}`).toEqual(expected.operators);
      expect(cluster.bids.map((b) => [b.discountRate, b.vcNumber])).toEqual(expected.bids);
      const scores = expected.bids.map(([d, days]) => auctionScore(E, d, days, 1));
      expect(cluster.bids.map((b) => b.auctionScore)).toEqual(scores);
      expect(cluster.averageAuctionScore).toBe(averageScore(scores));
      expect(cluster.nodes.map((n) => n.currentVCNumber)).toEqual(expected.bids.map(([, days]) => days));
      expect(cluster.status).toBe(ClusterStatus.IN_CREATION);
      expect(cluster.clusterPubKeyHash).toBe(zeroHash);
    }
    expect(new Set(clusters.map((c) => c.splitAddr)).size).toBe(4);
    // Operator 12 never wins a seat.
    expect(clusters.flatMap((c) => c.operators)).not.toContain(12);
  });

  it("leaves seven bids pending, operator 8's round-four bid on top", async () => {
    expect(chain().seed!.pendingBids).toBe(7);
    const pending = await pendingRanking(chain());
    expect(pending.map((b) => [b.operator, b.discountRate, b.days])).toEqual([
      [8, 900, 950],
      [12, 1500, 90],
      [9, 1700, 92],
      [10, 1800, 100],
      [11, 1900, 95],
      [2, 2000, 91],
      [9, 2000, 90],
    ]);
    for (const b of pending) expect(b.auctionScore).toBe(auctionScore(E, b.discountRate, b.days, 1));
  });

  it("creates n more clusters above the pending bids and leaves those pending", async () => {
    await chain().withSnapshot(async () => {
      const { publicClient } = chain();
      const before = await pendingRanking(chain());
      const created = await seedClusters(chain().rpcUrl, chain().deployment, 30);
      expect(created).toHaveLength(30);
      expect(new Set(created).size).toBe(30);
      const clusters = await Promise.all(created.map((id) => clusterOf(chain(), id)));
      for (const [i, cluster] of clusters.entries()) {
        // Rotating groups: cluster i is won by operators 4i+1..4i+4 (mod 12), in that order.
        expect(cluster.operators, `cluster ${i}`).toEqual([0, 1, 2, 3].map((seat) => ((4 * i + seat) % 12) + 1));
        expect(cluster.status).toBe(ClusterStatus.IN_CREATION);
      }
      // Strictly falling averages: no two clusters share id inputs.
      for (let i = 1; i < clusters.length; i++) expect(clusters[i].averageAuctionScore).toBeLessThan(clusters[i - 1].averageAuctionScore);
      expect(await pendingRanking(chain())).toEqual(before);
      // It restores automine, and a second call with the same bids gets other cluster ids.
      expect(await publicClient.request({ method: "anvil_getAutomine" as never })).toBe(true);
      const again = await seedClusters(chain().rpcUrl, chain().deployment, 3);
      expect(again.filter((id) => created.includes(id))).toEqual([]);
      expect((await clusterOf(chain(), again[0])).averageAuctionScore).toBe(clusters[27].averageAuctionScore);
    });
  });
});

describe("seedDevnet with statuses", () => {
  const chain = ownChain();

  it("seeds the same four clusters plus one per later status, public keys set", async () => {
    const seed = await seedDevnet(chain().rpcUrl, chain().deployment, { statuses: true });
    expect(seed.clusters).toHaveLength(8);
    expect(seed.pendingBids).toBe(7);
    const first = await Promise.all(seed.clusters.slice(0, 4).map((id) => clusterOf(chain(), id)));
    expect(first.map((c) => c.operators)).toEqual(seededClusters.map((c) => c.operators));

    expect(seed.statusClusters.map((c) => c.clusterId)).toEqual(seed.clusters.slice(4));
    expect(seed.statusClusters.map((c) => c.status)).toEqual([ClusterStatus.DEPOSITED, ClusterStatus.VERIFIED, ClusterStatus.EXITED, ClusterStatus.INACTIVE]);
    // One 128 ETH deposit created the four: one vault, one EigenPod.
    const logs = await chain().publicClient.getContractEvents({ address: chain().deployment.auction, abi: auctionAbi, eventName: "ClusterCreated", fromBlock: 0n });
    const created = logs.filter((l) => seed.statusClusters.some((c) => c.clusterId === l.args.clusterId));
    expect(new Set(created.map((l) => l.args.vaultAddr)).size).toBe(1);
    expect(new Set(created.map((l) => l.args.eigenPodAddr)).size).toBe(1);
    expect(new Set(created.map((l) => l.transactionHash)).size).toBe(1);
    for (const { clusterId, status } of seed.statusClusters) {
      const cluster = await clusterOf(chain(), clusterId);
      expect(cluster.status).toBe(status);
      const pubkey = devnetPubKey(clusterId);
      expect((pubkey.length - 2) / 2).toBe(48);
      expect(cluster.clusterPubKeyHash).toBe(status === ClusterStatus.INACTIVE ? zeroHash : sha256(concat([pubkey, `0x${"00".repeat(16)}`])));
    }
  });
});

describe("seedClusters on a chain nobody seeded", () => {
  const chain = ownChain();

  it("whitelists the operators it needs", async () => {
    const [id] = await seedClusters(chain().rpcUrl, chain().deployment, 1);
    expect((await clusterOf(chain(), id)).operators).toEqual([1, 2, 3, 4]);
    expect(await chain().publicClient.readContract({ address: chain().deployment.auction, abi: auctionAbi, functionName: "getNumBids", args: [1] })).toBe(0n);
  });
});
