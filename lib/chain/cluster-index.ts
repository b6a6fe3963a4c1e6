import { getAbiItem, getAddress, type Address, type Hex, type PublicClient } from "viem";
import { auctionAbi } from "@/contracts-abi";
import type { Database, Sql } from "@/lib/db";
import { buildDefinition } from "@/lib/obol/definition-builder";
import { multicallBatchBytes } from "./cluster-state";
import { getLogsChunked } from "./logs";

/**
 * The cluster index: every `ClusterCreated` of the auction, in chain order, with what the
 * definition builder needs to derive its config hash. A cursor remembers the next block to read,
 * so each sync only asks the chain about blocks it has not seen.
 */

export type IndexTarget = {
  client: PublicClient;
  db: Database;
  chainId: number;
  auction: Address;
  deploymentBlock: bigint;
  chunkSize: number;
  /** Blocks left unread behind the head, so a reorganisation cannot renumber clusters. */
  confirmations?: number;
  forkVersion: Hex;
  creator: Address;
  onLogsRequest?: (from: bigint, to: bigint) => void;
};

export type SyncResult = { fromBlock: bigint; toBlock: bigint; added: number };

const clusterCreated = getAbiItem({ abi: auctionAbi, name: "ClusterCreated" });
const winnerJoined = getAbiItem({ abi: auctionAbi, name: "WinnerJoinedCluster" });

async function readCursor(sql: Sql, target: IndexTarget): Promise<bigint> {
  const rows = await sql.query<{ next_block: string | number }>(
    "SELECT next_block FROM index_cursor WHERE chain_id = $1 AND auction = $2",
    [target.chainId, target.auction],
  );
  return rows.length > 0 ? BigInt(rows[0].next_block) : target.deploymentBlock;
}

type NewCluster = {
  clusterId: Hex;
  blockNumber: bigint;
  logIndex: number;
  txHash: Hex;
  vault: Address;
  split: Address;
  eigenPod: Address;
  averageScore: bigint;
  bidIds: Hex[];
  operators: Address[];
  blockTime: number;
};

async function readNewClusters(target: IndexTarget, fromBlock: bigint, toBlock: bigint): Promise<NewCluster[]> {
  const { client } = target;
  const logs = await getLogsChunked({
    client,
    address: target.auction,
    events: [clusterCreated, winnerJoined],
    fromBlock,
    toBlock,
    chunkSize: target.chunkSize,
    onRequest: target.onLogsRequest,
  });
  const created = logs.flatMap((log) => (log.eventName === "ClusterCreated" ? [log] : []));
  if (created.length === 0) return [];

  const nodeOpOfBid = new Map<Hex, Address>();
  for (const log of logs) {
    if (log.eventName === "WinnerJoinedCluster") nodeOpOfBid.set(log.args.winningBidId, getAddress(log.args.nodeOpAddr));
  }
  // Node order is the cluster's, as stored on-chain; one multicall for all new clusters.
  const details = await client.multicall({
    allowFailure: false,
    batchSize: multicallBatchBytes,
    contracts: created.map((log) => ({
      address: target.auction,
      abi: auctionAbi,
      functionName: "getClusterDetails" as const,
      args: [log.args.clusterId] as const,
    })),
  });
  const blockNumbers = [...new Set(created.map((log) => log.blockNumber))];
  const blocks = await Promise.all(blockNumbers.map((blockNumber) => client.getBlock({ blockNumber })));
  const timeOf = new Map(blocks.map((block) => [block.number, Number(block.timestamp)]));

  return created.map((log, i) => {
    const bidIds = details[i].nodes.map((node) => node.bidId);
    const operators = bidIds.map((bidId) => {
      const operator = nodeOpOfBid.get(bidId);
      if (!operator) throw new Error(`cluster ${log.args.clusterId}: no WinnerJoinedCluster for bid ${bidId}`);
      return operator;
    });
    return {
      clusterId: log.args.clusterId,
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      txHash: log.transactionHash,
      vault: getAddress(log.args.vaultAddr),
      split: getAddress(log.args.splitAddr),
      eigenPod: getAddress(log.args.eigenPodAddr),
      averageScore: log.args.averageAuctionScore,
      bidIds,
      operators,
      blockTime: timeOf.get(log.blockNumber)!,
    };
  });
}

/** Reads blocks past the cursor and stores the clusters created there, all or nothing. */
async function syncOnce(target: IndexTarget): Promise<SyncResult> {
  const fromBlock = await readCursor(target.db, target);
  const head = (await target.client.getBlockNumber({ cacheTime: 0 })) - BigInt(target.confirmations ?? 0);
  if (head < fromBlock) return { fromBlock, toBlock: head, added: 0 };

  const found = await readNewClusters(target, fromBlock, head);
  return target.db.transaction(async (tx) => {
    // Another process may have indexed these blocks meanwhile: then its rows stand.
    await tx.query("SELECT pg_advisory_xact_lock($1)", [target.chainId]);
    if ((await readCursor(tx, target)) !== fromBlock) return { fromBlock, toBlock: head, added: 0 };
    const [{ count }] = await tx.query<{ count: string | number }>(
      "SELECT count(*) AS count FROM clusters WHERE chain_id = $1 AND auction = $2",
      [target.chainId, target.auction],
    );
    let ordinal = Number(count);
    for (const cluster of found) {
      ordinal += 1;
      const definition = buildDefinition(
        {
          order: ordinal,
          clusterId: cluster.clusterId,
          createdAt: cluster.blockTime,
          operators: cluster.operators,
          splitAddr: cluster.split,
          eigenPodAddr: cluster.eigenPod,
          forkVersion: target.forkVersion,
        },
        target.creator,
      );
      await tx.query(
        `INSERT INTO clusters (chain_id, auction, cluster_id, ordinal, config_hash, block_number, log_index,
           block_time, tx_hash, vault, split, eigen_pod, average_score, operators, bid_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, to_timestamp($8), $9, $10, $11, $12, $13, $14, $15)`,
        [
          target.chainId,
          target.auction,
          cluster.clusterId,
          ordinal,
          definition.config_hash,
          cluster.blockNumber.toString(),
          cluster.logIndex,
          cluster.blockTime,
          cluster.txHash,
          cluster.vault,
          cluster.split,
          cluster.eigenPod,
          cluster.averageScore.toString(),
          cluster.operators,
          cluster.bidIds,
        ],
      );
    }
    await tx.query(
      `INSERT INTO index_cursor (chain_id, auction, next_block) VALUES ($1, $2, $3)
       ON CONFLICT (chain_id, auction) DO UPDATE SET next_block = EXCLUDED.next_block`,
      [target.chainId, target.auction, (head + 1n).toString()],
    );
    return { fromBlock, toBlock: head, added: found.length };
  });
}

const inFlight = new WeakMap<Database, Map<string, Promise<SyncResult>>>();

/** Brings the index up to the chain head; concurrent callers in one process share one sync. */
export function syncClusterIndex(target: IndexTarget): Promise<SyncResult> {
  const running = inFlight.get(target.db) ?? new Map<string, Promise<SyncResult>>();
  inFlight.set(target.db, running);
  const key = `${target.chainId}:${target.auction}`;
  let sync = running.get(key);
  if (!sync) {
    sync = syncOnce(target).finally(() => running.delete(key));
    running.set(key, sync);
  }
  return sync;
}
