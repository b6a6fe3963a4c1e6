import { HttpError } from "@/lib/http";

/**
 * Lock verifications run one at a time, and at most MAX_WAITING more wait for their turn; past
 * that a poster is told to retry (503). Concurrent verifications would only interleave their
 * steps between other requests' (each step yields, see ./native-bls), so one at a time keeps a
 * flood of posted locks from taking more than one step's share of the server.
 */
const MAX_WAITING = 16;

let busy = false;
const waiting: (() => void)[] = [];

export async function inVerificationSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy) {
    if (waiting.length >= MAX_WAITING) {
      throw new HttpError(503, "The portal is verifying other locks right now; post this lock again in a few seconds.", undefined, { "retry-after": "5" });
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  busy = true;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or free it.
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  }
}
