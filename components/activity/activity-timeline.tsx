import type { Address, Hex } from "viem";
import { ExplorerLink } from "@/components/ui/explorer-link";
import { Pagination } from "@/components/ui/pagination";
import { clusterActivity } from "@/lib/activity/events";
import { getDatabase } from "@/lib/db";
import { formatDateTime } from "@/lib/format/text";

/** A cluster's history, newest first, with its Atom feed; a page of the stored activity. */
export async function ActivityTimeline({ configHash, operators, page }: { configHash: Hex; operators: readonly Address[]; page: number }) {
  const activity = await clusterActivity(await getDatabase(), { configHash, operators }, { page });
  return (
    <section aria-labelledby="activity-heading" className="space-y-3">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="activity-heading" className="text-lg font-semibold">
          Activity
        </h2>
        <a className="text-sm text-orange-300 hover:underline" href={`/api/clusters/${configHash}/feed.atom`}>
          Atom feed
        </a>
      </div>
      {activity.events.length === 0 ? (
        <p className="text-sm text-slate-400">Nothing has happened to this cluster yet.</p>
      ) : (
        <ol className="space-y-2 border-l border-slate-700 pl-4">
          {activity.events.map((event) => (
            <li key={event.id} data-kind={event.kind} className="text-sm">
              <p>{event.title}</p>
              <p className="flex flex-wrap gap-x-3 text-xs text-slate-400">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                {event.actor && <ExplorerLink kind="address" value={event.actor} />}
                {event.txHash && <ExplorerLink kind="tx" value={event.txHash} />}
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={activity.page} pageSize={activity.pageSize} total={activity.total} path={`/clusters/${configHash}`} query={{}} noun="events" />
    </section>
  );
}
