import { syncClusterIndex, type IndexTarget } from "@/lib/chain/cluster-index";
import { chainHead } from "@/lib/chain/block-reads";
import { readChainState } from "@/lib/chain/cluster-state";
import { refreshSummaries, unfinishedClusters, type IndexScope } from "@/lib/chain/indexed-clusters";
import { deliverDue, type DeliveryOptions } from "./delivery";

/**
 * The watcher: follows the chain (new clusters through the index, status changes through the
 * clusters' details) and delivers the outbox. Events are recorded by the store's triggers in the
 * transactions of these writes, so any number of watchers, and the pages that refresh summaries
 * too, record each event once; the outbox's claim keeps each delivery to one watcher.
 */

export type WatchTarget = IndexTarget & IndexScope;

/** Clusters whose statuses are read per multicall. */
const STATUS_PAGE = 500;
/**
 * Clusters whose statuses one watcher round reads at the most. Byzantine's auction emits no event
 * when a status changes, so statuses are read; a round's cost stays bounded however many clusters
 * there are, and the next round goes on where it stopped (every cluster once per cycle; the pages
 * refresh the rows they show on their own).
 */
const STATUS_PER_ROUND = 1_000;

/** What a round of status reads did: clusters read and moved, and the ordinal the next round goes on after (0: from the start). */
export type StatusRound = { read: number; moved: number; next: number };

/**
 * Reads the status of up to `limit` clusters not yet exited, after ordinal `after`, and stores
 * those that moved (with the block read at).
 */
export async function pollStatuses(target: WatchTarget, { after = 0, limit = Infinity }: { after?: number; limit?: number } = {}): Promise<StatusRound> {
  const head = await chainHead(target.client);
  const round: StatusRound = { read: 0, moved: 0, next: after };
  while (round.read < limit) {
    const page = Math.min(STATUS_PAGE, limit - round.read);
    const clusters = await unfinishedClusters(target.db, target, round.next, page);
    if (clusters.length === 0) return { ...round, next: 0 };
    const state = await readChainState(target.client, target.auction, { clusterIds: clusters.map((c) => c.clusterId), bidIds: [], operators: [] }, { blockNumber: head });
    const read = clusters.map((cluster) => {
      const details = state.clusters.get(cluster.clusterId)!;
      return { cluster, status: details.status, vcs: details.nodes.map((n) => n.currentVCNumber) };
    });
    round.moved += read.filter((r) => r.status !== r.cluster.stored.status).length;
    round.read += clusters.length;
    await refreshSummaries(target.db, target, read, head);
    // The end of the list: the next round starts over.
    if (clusters.length < page) return { ...round, next: 0 };
    round.next = clusters.at(-1)!.ordinal;
  }
  return round;
}

export type WatchOptions = Omit<DeliveryOptions, "scope">;

/** One round: the chain first (so new events reach the outbox), then the outbox. */
export async function watchOnce(
  target: WatchTarget,
  options: WatchOptions,
  log: (message: string, error: unknown) => void = console.error,
  statuses: { after: number } = { after: 0 },
) {
  try {
    await syncClusterIndex(target);
    statuses.after = (await pollStatuses(target, { after: statuses.after, limit: STATUS_PER_ROUND })).next;
  } catch (error) {
    // A chain node that is down must not stop deliveries of what is already stored.
    log("watcher: reading the chain failed", error);
  }
  return deliverDue(target.db, { ...options, scope: target });
}

/** Runs rounds every `intervalMs` until stopped; a round never overlaps the previous one. */
export function startWatcher(
  target: () => Promise<WatchTarget>,
  options: WatchOptions & { intervalMs: number; log?: (message: string, error: unknown) => void },
) {
  const log = options.log ?? console.error;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const statuses = { after: 0 };
  const round = async () => {
    try {
      await watchOnce(await target(), options, log, statuses);
    } catch (error) {
      log("watcher: a round failed", error);
    }
    if (!stopped) timer = setTimeout(() => void (running = round()), options.intervalMs);
  };
  running = round();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
