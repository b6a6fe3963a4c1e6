/**
 * Read-only checks on the shared, seeded anvil of the global setup: Multicall3 at its canonical
 * address (aggregate3 through viem's multicall), and the seeded auction's ranking, winning cluster
 * and clusters against lib/auction/math.ts and the id formulas.
 */
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  encodePacked,
  http,
  keccak256,
  parseEventLogs,
  toFunctionSelector,
  type Hex,
} from "viem";
import { describe, expect, it } from "vitest";
import { auctionAbi, multicall3Abi } from "@/contracts-abi";
import { multicall3Address } from "@/lib/chain/chains";
import { auctionScore, averageScore, BID_REPUTATION, JOIN_CLUSTER_4 } from "@/lib/auction/math";
import { seededOperators } from "../accounts";
import { compileContracts } from "../compile";
import { auctionParameters } from "../deploy";
import { revertName, testChain } from "../testing/chain";

const E = auctionParameters.expectedDailyReturnWei;

describe("Multicall3", () => {
  it("is deployed at the canonical address with the compiled runtime code", async () => {
    const { publicClient, deployment } = testChain();
    expect(deployment.multicall3).toBe("0xcA11bde05977b3631167028862bE2a173976CA11");
    expect(multicall3Address).toBe(deployment.multicall3);
    const compiled = await compileContracts();
    expect(await publicClient.getCode({ address: multicall3Address })).toBe(compiled.Multicall3.deployedBytecode);
  });

  it("serves viem's multicall in ONE eth_call to aggregate3, results equal to single reads, failures per call", async () => {
    const { rpcUrl, chain, deployment, publicClient } = testChain();
    const bodies: { method: string; params: [{ to?: string; data?: Hex }] }[] = [];
    const counting = createPublicClient({
      chain,
      cacheTime: 0,
      transport: http(rpcUrl, {
        onFetchRequest: async (request) => {
          const body = JSON.parse(await request.clone().text());
          bodies.push(...(Array.isArray(body) ? body : [body]));
        },
      }),
    });
    const auction = { address: deployment.auction, abi: auctionAbi } as const;
    const operator = seededOperators[0].address;
    const results = await counting.multicall({
      contracts: [
        { ...auction, functionName: "getNumBids", args: [JOIN_CLUSTER_4] },
        { ...auction, functionName: "getBidRanking", args: [3n, JOIN_CLUSTER_4] },
        { ...auction, functionName: "isWhitelisted", args: [operator] },
        { ...auction, functionName: "getNumBids", args: [0] },
        { address: multicall3Address, abi: multicall3Abi, functionName: "getChainId" },
      ],
    });
    const calls = bodies.filter((b) => b.method === "eth_call");
    expect(calls).toHaveLength(1);
    expect(calls[0].params[0].to?.toLowerCase()).toBe(multicall3Address.toLowerCase());
    expect(calls[0].params[0].data?.slice(0, 10)).toBe(toFunctionSelector("aggregate3((address,bool,bytes)[])"));

    const [numBids, ranking, whitelisted, invalid, chainId] = results;
    expect(numBids).toEqual({ status: "success", result: await publicClient.readContract({ ...auction, functionName: "getNumBids", args: [JOIN_CLUSTER_4] }) });
    expect(ranking).toEqual({ status: "success", result: await publicClient.readContract({ ...auction, functionName: "getBidRanking", args: [3n, JOIN_CLUSTER_4] }) });
    expect(whitelisted).toEqual({ status: "success", result: true });
    expect(chainId).toEqual({ status: "success", result: 560048n });
    expect(invalid.status).toBe("failure");
    const error = invalid.error instanceof BaseError ? invalid.error.walk((e) => e instanceof ContractFunctionRevertedError) : invalid.error;
    expect(error instanceof ContractFunctionRevertedError ? error.data?.errorName : error).toBe("InvalidAuctionType");

    // Without allowFailure, aggregate3 bubbles the failing call's revert up.
    expect(
      await revertName(
        counting.multicall({ allowFailure: false, contracts: [{ ...auction, functionName: "getNumBids", args: [JOIN_CLUSTER_4] }, { ...auction, functionName: "getNumBids", args: [0] }] }),
      ),
    ).toBe("InvalidAuctionType");
  });
});

describe("seeded auction", () => {
  it("ranks the pending bids best first, each scored as math.ts scores it", async () => {
    const { publicClient, deployment, seed } = testChain();
    const auction = { address: deployment.auction, abi: auctionAbi } as const;
    // Byzantine's getBidRanking refuses more bids than are pending.
    const ranking = await publicClient.readContract({ ...auction, functionName: "getBidRanking", args: [BigInt(seed.pendingBids), JOIN_CLUSTER_4] });
    expect(ranking).toHaveLength(seed.pendingBids);
    const details = await publicClient.multicall({
      allowFailure: false,
      contracts: ranking.map((r) => ({ ...auction, functionName: "getBidDetails", args: [r.bidId] }) as const),
    });
    const reputations = await publicClient.multicall({
      allowFailure: false,
      contracts: details.map((d) => ({ ...auction, functionName: "getNodeOpDetails", args: [d.nodeOp] }) as const),
    });
    for (const [i, r] of ranking.entries()) {
      const d = details[i];
      // No two seeded pending bids tie, so even Byzantine's ranking reports every score right.
      expect(r.auctionScore, r.bidId).toBe(d.auctionScore);
      // Whitelisting leaves reputation 0; every bid is scored with reputation 1.
      expect(reputations[i].reputationScore).toBe(0);
      expect(d.auctionScore, r.bidId).toBe(auctionScore(E, d.discountRate, d.vcNumber, BID_REPUTATION));
      if (i > 0) expect(details[i - 1].auctionScore).toBeGreaterThan(d.auctionScore);
    }

    // The winning cluster: the first bid of each of the first four distinct operators.
    const seen = new Set<string>();
    const expected: Hex[] = [];
    for (const [i, r] of ranking.entries()) {
      if (expected.length === 4 || seen.has(details[i].nodeOp)) continue;
      seen.add(details[i].nodeOp);
      expected.push(r.bidId);
    }
    // The virtual cluster waiting in the main auction holds exactly those four bids.
    const [waiting, average] = await publicClient.readContract({ ...auction, functionName: "getWinningCluster" });
    const cluster = await publicClient.readContract({ ...auction, functionName: "getClusterDetails", args: [waiting] });
    expect(cluster.nodes.map((n) => n.bidId)).toEqual(expected);
    expect(average).toBe(averageScore(expected.map((id) => details[ranking.findIndex((r) => r.bidId === id)].auctionScore)));
    expect(await publicClient.readContract({ ...auction, functionName: "getNumDVInAuction" })).toBe(1n);
  });

  it("has the clusters the seed reports, ids and averages following the formulas", async () => {
    const { publicClient, deployment, seed } = testChain();
    const auction = { address: deployment.auction, abi: auctionAbi } as const;
    const logs = await publicClient.getLogs({ address: deployment.auction, fromBlock: BigInt(deployment.deploymentBlock), toBlock: "latest" });
    const created = parseEventLogs({ abi: auctionAbi, eventName: "ClusterCreated", logs });
    const joined = parseEventLogs({ abi: auctionAbi, eventName: "WinnerJoinedCluster", logs });
    expect(created.map((c) => c.args.clusterId)).toEqual(seed.clusters);

    for (const event of created) {
      const { clusterId, averageAuctionScore, splitAddr } = event.args;
      const cluster = await publicClient.readContract({ ...auction, functionName: "getClusterDetails", args: [clusterId] });
      const bids = await Promise.all(cluster.nodes.map((n) => publicClient.readContract({ ...auction, functionName: "getBidDetails", args: [n.bidId] })));
      const operators = bids.map((b) => b.nodeOp);
      expect(new Set(operators).size, clusterId).toBe(4);
      expect(cluster.splitAddr).toBe(splitAddr);
      expect(cluster.averageAuctionScore).toBe(averageAuctionScore);
      expect(averageAuctionScore).toBe(averageScore(bids.map((b) => b.auctionScore)));
      expect(cluster.nodes.map((n) => n.currentVCNumber)).toEqual(bids.map((b) => b.vcNumber));
      const winners = joined.filter((j) => j.args.clusterJoined === clusterId);
      expect(winners.map((w) => [w.args.nodeOpAddr, w.args.winningBidId])).toEqual(cluster.nodes.map((n, i) => [operators[i], n.bidId]));
      // The id was fixed when the virtual cluster formed (a bid or an earlier auction), at a block
      // time between the deployment and the creation.
      const { timestamp } = await publicClient.getBlock({ blockNumber: event.blockNumber });
      const { timestamp: deployed } = await publicClient.getBlock({ blockNumber: BigInt(deployment.deploymentBlock) });
      const times = Array.from({ length: Number(timestamp - deployed) + 1 }, (_, i) => deployed + BigInt(i));
      const formed = times.find((t) => keccak256(encodePacked(["uint256", "uint256", "address[4]"], [t, averageAuctionScore, operators as [Hex, Hex, Hex, Hex]])) === clusterId);
      expect(formed, clusterId).toBeDefined();
    }
  });
});
