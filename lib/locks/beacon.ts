import "server-only";
import type { Hex } from "viem";
import { z } from "zod";

/**
 * Validator state from a beacon node's standard API (GET /eth/v1/beacon/states/head/validators/{id}),
 * reduced to what an operator reads: the lifecycle stage and the balance.
 */

const statusLabels = {
  pending_initialized: "Pending",
  pending_queued: "Pending",
  active_ongoing: "Active",
  active_exiting: "Exiting",
  active_slashed: "Slashed",
  exited_unslashed: "Exited",
  exited_slashed: "Slashed",
  withdrawal_possible: "Exited",
  withdrawal_done: "Exited",
} as const;

const responseSchema = z.object({
  data: z.object({ index: z.string(), balance: z.string(), status: z.string() }),
});

export type BeaconValidator =
  | { kind: "found"; index: string; status: string; label: string; balanceGwei: string }
  /** The node does not know the key: no deposit has been processed for it yet. */
  | { kind: "unknown" }
  | { kind: "error"; message: string };

export type BeaconLookup = (pubkey: Hex) => Promise<BeaconValidator>;

/**
 * A lookup against the beacon node at `baseUrl`; every failure becomes a sentence, never a throw.
 * Answers are kept for `ttlMs` (statuses and balances move once an epoch), so the cluster page's
 * refreshes every 12 s in every open tab do not each wait on the beacon node.
 */
export function beaconLookup(baseUrl: string, fetchImpl: typeof fetch = fetch, timeoutMs = 4000, ttlMs = 60_000): BeaconLookup {
  const base = baseUrl.replace(/\/+$/, "");
  const cache = new Map<string, { at: number; answer: Promise<BeaconValidator> }>();
  const lookup: BeaconLookup = async (pubkey) => {
    try {
      const response = await fetchImpl(`${base}/eth/v1/beacon/states/head/validators/${pubkey.toLowerCase()}`, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
      if (response.status === 404) return { kind: "unknown" };
      if (!response.ok) return { kind: "error", message: `the beacon node answered ${response.status}` };
      const { data } = responseSchema.parse(await response.json());
      const label = (statusLabels as Record<string, string>)[data.status] ?? data.status;
      return { kind: "found", index: data.index, status: data.status, label, balanceGwei: data.balance };
    } catch (error) {
      const reason = error instanceof z.ZodError ? "an unexpected answer" : error instanceof Error ? error.message : String(error);
      return { kind: "error", message: `the beacon node could not be read (${reason})` };
    }
  };
  return (pubkey) => {
    const key = pubkey.toLowerCase();
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.answer;
    const answer = lookup(pubkey);
    cache.set(key, { at: Date.now(), answer });
    return answer;
  };
}
