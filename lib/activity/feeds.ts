import type { Address, Hex } from "viem";
import { clustersByConfigHash, type IndexScope } from "@/lib/chain/indexed-clusters";
import type { Sql } from "@/lib/db";
import { shortHex } from "@/lib/format/text";
import { actionsWaitingOn } from "./actions";
import { atomFeed, type AtomEntry } from "./atom";
import { clusterActivity, operatorActivity, type ActivityEvent } from "./events";

/** Atom feeds of the activity (no sign-up: any feed reader polls them). */

export const feedLength = 50;

const urn = (scope: IndexScope, ...parts: string[]) => `urn:byzantine-portal:${scope.chainId}:${parts.join(":")}`;
export const clusterPath = (configHash: Hex) => `/clusters/${configHash}`;

function eventEntry(scope: IndexScope, origin: string, event: ActivityEvent, names: ReadonlyMap<string, string>): AtomEntry {
  const name = event.configHash ? names.get(event.configHash) : undefined;
  return {
    id: urn(scope, "event", event.key),
    title: name ? `${name}: ${event.title}` : event.title,
    updated: event.at,
    link: event.configHash ? `${origin}${clusterPath(event.configHash)}` : origin,
    summary: event.blockNumber ? `${event.title}. Block ${event.blockNumber}.` : undefined,
  };
}

/** Cluster names by config hash. */
export async function clusterNames(sql: Sql, scope: IndexScope, configHashes: readonly string[]): Promise<Map<string, string>> {
  return new Map((await clustersByConfigHash(sql, scope, configHashes)).map((c) => [c.configHash.toLowerCase(), c.name]));
}

/** The newest time among entries, or now for an empty feed. */
const newest = (entries: readonly AtomEntry[]) => entries.map((e) => e.updated).sort().at(-1) ?? new Date().toISOString();

/**
 * What concerns `operator`: first an entry per cluster waiting on it ("your action is required"),
 * then the newest events of its clusters and its own terms.
 */
export async function operatorFeed(sql: Sql, scope: IndexScope, operator: Address, origin: string): Promise<string> {
  const [waiting, events] = await Promise.all([actionsWaitingOn(sql, scope, operator), operatorActivity(sql, scope, operator, feedLength)]);
  const names = await clusterNames(sql, scope, events.flatMap((e) => (e.configHash ? [e.configHash] : [])));
  const lastEvent = new Map<string, string>();
  for (const event of events) if (event.configHash && !lastEvent.has(event.configHash)) lastEvent.set(event.configHash, event.at);
  const actions: AtomEntry[] = waiting.map(({ cluster, step }) => ({
    // A new step is a new entry: readers show it as unread.
    id: urn(scope, "action", cluster.configHash, operator, step.step),
    title: `Your action is required on ${cluster.name}: ${step.label}`,
    updated: lastEvent.get(cluster.configHash) ?? cluster.createdAt.toISOString(),
    link: `${origin}${clusterPath(cluster.configHash)}`,
    summary: `${cluster.name} is waiting on ${operator}: open the cluster page and ${step.label.toLowerCase()}.`,
  }));
  const entries = [...actions, ...events.map((e) => eventEntry(scope, origin, e, names))];
  return atomFeed({
    id: urn(scope, "operator", operator),
    title: `Byzantine DV activity of ${shortHex(operator)}`,
    updated: newest(entries),
    self: `${origin}/api/operators/${operator}/feed.atom`,
    alternate: `${origin}/?view=mine&operator=${operator}`,
    entries,
  });
}

/** A cluster's newest events. */
export async function clusterFeed(
  sql: Sql,
  scope: IndexScope,
  cluster: { configHash: Hex; name: string; operators: readonly Address[] },
  origin: string,
): Promise<string> {
  const { events } = await clusterActivity(sql, cluster, { page: 1, pageSize: feedLength });
  const names = new Map([[cluster.configHash.toLowerCase(), cluster.name]]);
  const entries = events.map((e) => eventEntry(scope, origin, e, names));
  return atomFeed({
    id: urn(scope, "cluster", cluster.configHash),
    title: `${cluster.name} activity`,
    updated: newest(entries),
    self: `${origin}/api/clusters/${cluster.configHash}/feed.atom`,
    alternate: `${origin}${clusterPath(cluster.configHash)}`,
    entries,
  });
}
