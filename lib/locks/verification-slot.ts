import "server-only";
import { HttpError } from "@/lib/http";

/**
 * Lock acceptance past its cheap checks (building the served definition, hashing, signature
 * checks) runs one lock at a time, and after each the slot stays idle twice as long before the
 * next: however many locks are posted, their work takes at most about a third of the event loop
 * (each lock's HTTP handling and cheap checks come on top) and comes in short steps (see
 * ./native-bls), so other requests keep being served. At most MAX_WAITING more locks wait their
 * turn; past that a poster is told to retry (503). Honest posting is a handful of locks per
 * cluster (one per charon node, the odd upload), far below the 8 a second `npm run bench` got
 * through while flooding.
 */
const MAX_WAITING = 16;
const IDLE_PER_BUSY = 2;
// A step that took longer than this (a stalled database) does not idle the slot for as long.
const MAX_IDLE_MS = 500;

let busy = false;
const waiting: (() => void)[] = [];

function release() {
  // Hand the slot straight to the next in line, or free it.
  const next = waiting.shift();
  if (next) next();
  else busy = false;
}

export async function inVerificationSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy) {
    if (waiting.length >= MAX_WAITING) {
      throw new HttpError(503, "The portal is verifying other locks right now; post this lock again in a few seconds.", undefined, { "retry-after": "5" });
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  busy = true;
  const start = performance.now();
  try {
    return await work();
  } finally {
    setTimeout(release, Math.min(IDLE_PER_BUSY * (performance.now() - start), MAX_IDLE_MS));
  }
}
