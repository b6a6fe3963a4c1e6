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

/** Clusters whose statuses are read per multicall round. */
const STATUS_PAGE = 500;

/** Reads the status of every cluster not yet exited and stores those that moved (with the block read at). */
export async function pollStatuses(target: WatchTarget): Promise<number> {
  const head = await chainHead(target.client);
  let moved = 0;
  for (let after = 0; ; ) {
    const clusters = await unfinishedClusters(target.db, target, after, STATUS_PAGE);
    if (clusters.length === 0) return moved;
    const state = await readChainState(target.client, target.auction, { clusterIds: clusters.map((c) => c.clusterId), bidIds: [], operators: [] }, { blockNumber: head });
    const read = clusters.map((cluster) => {
      const details = state.clusters.get(cluster.clusterId)!;
      return { cluster, status: details.status, vcs: details.nodes.map((n) => n.currentVCNumber) };
    });
    moved += read.filter((r) => r.status !== r.cluster.stored.status).length;
    await refreshSummaries(target.db, target, read, head);
    after = clusters.at(-1)!.ordinal;
  }
}

export type WatchOptions = Omit<DeliveryOptions, "scope">;

/** One round: the chain first (so new events reach the outbox), then the outbox. */
export async function watchOnce(target: WatchTarget, options: WatchOptions, log: (message: string, error: unknown) => void = console.error) {
  try {
    await syncClusterIndex(target);
    await pollStatuses(target);
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
  const round = async () => {
    try {
      await watchOnce(await target(), options, log);
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
