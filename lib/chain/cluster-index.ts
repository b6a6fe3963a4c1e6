import "server-only";
import { getAbiItem, getAddress, type Address, type Hex, type PublicClient } from "viem";
import { auctionAbi } from "@/contracts-abi";
import type { Database, Sql } from "@/lib/db";
import { buildDefinition } from "@/lib/obol/definition-builder";
import { blockTimes } from "./block-times";
import { chainHead } from "./block-reads";
import { boundedMulticall } from "./bounded-multicall";
import type { ClusterDetails } from "./cluster-state";
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
  /** The head to index up to (a page's own head read); default: eth_blockNumber, shared by concurrent callers. */
  readHead?: () => Promise<bigint>;
};

/** `head`: the chain head the sync saw, for reads at the same block without asking again. */
export type SyncResult = { fromBlock: bigint; toBlock: bigint; added: number; head: bigint };

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
  /** Chain status and each seat's VCs when indexed: the stored summary (refreshed when shown). */
  status: number;
  vcs: number[];
};

async function readNewClusters(target: IndexTarget, fromBlock: bigint, toBlock: bigint, progress: SyncProgress): Promise<NewCluster[]> {
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
  progress.found = created.length;
  if (created.length === 0) return [];

  const nodeOpOfBid = new Map<Hex, Address>();
  for (const log of logs) {
    if (log.eventName === "WinnerJoinedCluster") nodeOpOfBid.set(log.args.winningBidId, getAddress(log.args.nodeOpAddr));
  }
  // Node order is the cluster's, as stored on-chain: gas-bounded multicalls, a few at a time.
  const [details, timeOf] = await Promise.all([
    boundedMulticall(
      client,
      created.map((log) => ({ address: target.auction, abi: auctionAbi, functionName: "getClusterDetails", args: [log.args.clusterId] }) as const),
      { blockNumber: toBlock },
    ) as Promise<ClusterDetails[]>,
    blockTimes(client, created.map((log) => log.blockNumber)),
  ]);
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
      status: details[i].status,
      vcs: details[i].nodes.map((node) => node.currentVCNumber),
    };
  });
}

/**
 * Stores new clusters in one statement per table, however many (a first index may add
 * thousands), with each operator's seats in cluster_members for the "mine" pages.
 */
async function insertClusters(tx: Sql, target: IndexTarget, rows: (NewCluster & { ordinal: number; configHash: string })[], readAt: bigint) {
  const column = <T,>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  // Postgres arrays of arrays must be rectangular: per-row lists travel as JSON text.
  await tx.query(
    `INSERT INTO clusters (chain_id, auction, cluster_id, ordinal, config_hash, block_number, log_index,
       block_time, tx_hash, vault, split, eigen_pod, average_score, operators, bid_ids, chain_status, vcs, status_block)
     SELECT $1, $2, r.cluster_id, r.ordinal, r.config_hash, r.block_number, r.log_index, to_timestamp(r.block_time),
       r.tx_hash, r.vault, r.split, r.eigen_pod, r.average_score,
       ARRAY(SELECT json_array_elements_text(r.operators::json)), ARRAY(SELECT json_array_elements_text(r.bid_ids::json)),
       r.chain_status, ARRAY(SELECT json_array_elements_text(r.vcs::json)::integer), $18::bigint
     FROM unnest($3::text[], $4::integer[], $5::text[], $6::bigint[], $7::integer[], $8::double precision[], $9::text[],
       $10::text[], $11::text[], $12::text[], $13::numeric[], $14::text[], $15::text[], $16::smallint[], $17::text[])
       AS r(cluster_id, ordinal, config_hash, block_number, log_index, block_time, tx_hash, vault, split, eigen_pod,
            average_score, operators, bid_ids, chain_status, vcs)
     ORDER BY r.ordinal`,
    [
      target.chainId,
      target.auction,
      column((r) => r.clusterId),
      column((r) => r.ordinal),
      column((r) => r.configHash),
      column((r) => r.blockNumber.toString()),
      column((r) => r.logIndex),
      column((r) => r.blockTime),
      column((r) => r.txHash),
      column((r) => r.vault),
      column((r) => r.split),
      column((r) => r.eigenPod),
      column((r) => r.averageScore.toString()),
      column((r) => JSON.stringify(r.operators)),
      column((r) => JSON.stringify(r.bidIds)),
      column((r) => r.status),
      column((r) => JSON.stringify(r.vcs)),
      // Statuses were read at the last block of the pass; migration 8's trigger records the
      // creation (and any status past IN_CREATION) of each cluster as an activity event.
      readAt.toString(),
    ],
  );
  await tx.query(
    `INSERT INTO cluster_members (chain_id, auction, operator, ordinal, seat)
     SELECT c.chain_id, c.auction, m.operator, c.ordinal, m.seat - 1
     FROM clusters c, unnest(c.operators) WITH ORDINALITY AS m(operator, seat)
     WHERE c.chain_id = $1 AND c.auction = $2 AND c.ordinal >= $3
     ON CONFLICT DO NOTHING`,
    [target.chainId, target.auction, rows[0].ordinal],
  );
  // Fresh statistics keep the planner on the indexes for "mine" (an operator's seats joined to
  // their clusters); without them it estimates one row and scans every cluster per seat.
  await tx.query("ANALYZE clusters, cluster_members");
}

/**
 * Numbers new clusters from `first` and derives each config hash. Hashing is a few ms of CPU per
 * cluster: a first index of thousands yields to other requests every few dozen clusters.
 */
async function withConfigHashes(target: IndexTarget, found: NewCluster[], first: number) {
  const rows: (NewCluster & { ordinal: number; configHash: string })[] = [];
  for (const [i, cluster] of found.entries()) {
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    const definition = buildDefinition(
      {
        order: first + i,
        clusterId: cluster.clusterId,
        createdAt: cluster.blockTime,
        operators: cluster.operators,
        splitAddr: cluster.split,
        eigenPodAddr: cluster.eigenPod,
        forkVersion: target.forkVersion,
      },
      target.creator,
    );
    rows.push({ ...cluster, ordinal: first + i, configHash: definition.config_hash });
  }
  return rows;
}

/**
 * How far a running sync has got, for pages to say the index is catching up (a first index of
 * thousands of clusters outlasts a request) rather than that the node is down: `toBlock` once the
 * node answered with its head, `found` once the logs are read.
 */
export type SyncProgress = { fromBlock: bigint; toBlock: bigint | null; found: number | null };

/** Reads blocks past the cursor and stores the clusters created there, all or nothing. */
async function syncOnce(target: IndexTarget, progress: SyncProgress): Promise<SyncResult> {
  const chainTip = await (target.readHead ? target.readHead() : chainHead(target.client));
  const head = chainTip - BigInt(target.confirmations ?? 0);
  // At a head this process has already indexed, the store is not asked for its cursor.
  const known = indexedHere.get(target.db)?.get(syncKey(target));
  if (known !== undefined && head <= known) return { fromBlock: known + 1n, toBlock: head, added: 0, head: chainTip };
  const fromBlock = await readCursor(target.db, target);
  progress.fromBlock = fromBlock;
  if (head < fromBlock) {
    remember(target, fromBlock - 1n);
    return { fromBlock, toBlock: head, added: 0, head: chainTip };
  }
  progress.toBlock = head;

  const found = await readNewClusters(target, fromBlock, head, progress);
  const [{ last }] = await target.db.query<{ last: string | number }>(
    "SELECT coalesce(max(ordinal), 0) AS last FROM clusters WHERE chain_id = $1 AND auction = $2",
    [target.chainId, target.auction],
  );
  const rows = await withConfigHashes(target, found, Number(last) + 1);
  const added = await target.db.transaction(async (tx) => {
    // Another process may have indexed these blocks meanwhile: then its rows stand. An unmoved
    // cursor also means no cluster was added since `last` was read.
    await tx.query("SELECT pg_advisory_xact_lock($1)", [target.chainId]);
    if ((await readCursor(tx, target)) !== fromBlock) return null;
    if (rows.length > 0) await insertClusters(tx, target, rows, head);
    await tx.query(
      `INSERT INTO index_cursor (chain_id, auction, next_block) VALUES ($1, $2, $3)
       ON CONFLICT (chain_id, auction) DO UPDATE SET next_block = EXCLUDED.next_block`,
      [target.chainId, target.auction, (head + 1n).toString()],
    );
    return found.length;
  });
  if (added === null) return { fromBlock, toBlock: head, added: 0, head: chainTip };
  remember(target, head);
  return { fromBlock, toBlock: head, added, head: chainTip };
}

/** The last block each store's index is known to hold, from this process's own syncs. */
const indexedHere = new WeakMap<Database, Map<string, bigint>>();

function remember(target: IndexTarget, through: bigint) {
  const known = indexedHere.get(target.db) ?? new Map<string, bigint>();
  indexedHere.set(target.db, known);
  known.set(syncKey(target), through);
}

type RunningSync = { result: Promise<SyncResult>; progress: SyncProgress };
const inFlight = new WeakMap<Database, Map<string, RunningSync>>();
const syncKey = (target: Pick<IndexTarget, "chainId" | "auction">) => `${target.chainId}:${target.auction}`;

/** Brings the index up to the chain head; concurrent callers in one process share one sync. */
export function syncClusterIndex(target: IndexTarget): Promise<SyncResult> {
  const running = inFlight.get(target.db) ?? new Map<string, RunningSync>();
  inFlight.set(target.db, running);
  const key = syncKey(target);
  let sync = running.get(key);
  if (!sync) {
    const progress: SyncProgress = { fromBlock: target.deploymentBlock, toBlock: null, found: null };
    sync = { result: syncOnce(target, progress).finally(() => running.delete(key)), progress };
    running.set(key, sync);
  }
  return sync.result;
}

/** The progress of the sync running for `target` in this process, or null when none runs. */
export function syncProgress(target: Pick<IndexTarget, "db" | "chainId" | "auction">): SyncProgress | null {
  const sync = inFlight.get(target.db)?.get(syncKey(target));
  return sync ? { ...sync.progress } : null;
}
