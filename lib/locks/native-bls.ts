import "server-only";
import { aggregatePublicKeys, fastAggregateVerify, PublicKey, Signature, verify, verifyMultipleAggregateSignatures } from "@chainsafe/blst";
import { setImmediate as nextTurn } from "node:timers/promises";
import { validatedPoint, type BlsBackend } from "@/lib/obol/lock/bls-keys";

/**
 * The lock checks' BLS operations on the server, with blst's native bindings (@chainsafe/blst;
 * a server-external package, see next.config.mjs): one signature check costs ~1.4 ms of CPU here
 * against ~44 ms in the pure-JS path the browser keeps (figures in README "Performance").
 *
 * The checks a lock starts together (lib/obol/lock/bls starts them all before awaiting any) are
 * verified on the next turn of the event loop as one batch (blst's multi-pairing with random
 * coefficients: 3.3 ms for four signatures instead of 5); only when the batch fails is each
 * verified on its own, to say which. blst 2.x offers no asynchronous verify, so a batch or a
 * single check is the longest the event loop is held.
 */
type Job = { publicKeys: Uint8Array[]; message: Uint8Array; signature: Uint8Array; resolve: (valid: boolean) => void };

let queue: Job[] = [];

function verifyOne({ publicKeys, message, signature }: Job): boolean {
  try {
    const keys = publicKeys.map((k) => PublicKey.fromBytes(k, true));
    const sig = Signature.fromBytes(signature, true);
    return keys.length === 1 ? verify(message, keys[0], sig) : fastAggregateVerify(message, keys, sig);
  } catch {
    return false;
  }
}

function verifyAll(jobs: Job[]): boolean {
  if (jobs.length < 2) return false;
  try {
    const sets = jobs.map((j) => ({
      msg: j.message,
      pk: aggregatePublicKeys(j.publicKeys.map((k) => PublicKey.fromBytes(k, true))),
      sig: Signature.fromBytes(j.signature, true),
    }));
    return verifyMultipleAggregateSignatures(sets);
  } catch {
    return false;
  }
}

async function flush() {
  const jobs = queue;
  queue = [];
  if (verifyAll(jobs)) {
    for (const job of jobs) job.resolve(true);
    return;
  }
  for (const job of jobs) {
    await nextTurn();
    job.resolve(verifyOne(job));
  }
}

function check(publicKeys: Uint8Array[], message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (publicKeys.length === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    queue.push({ publicKeys, message, signature, resolve });
    if (queue.length === 1) setImmediate(() => void flush());
  });
}

export const nativeBls: BlsBackend = {
  publicKey(bytes) {
    if (bytes.length !== 48) throw new Error(`public key must be 48 bytes, got ${bytes.length}`);
    // Validated by blst (on the curve, in the subgroup, not infinity); noble only interpolates it.
    return validatedPoint(PublicKey.fromBytes(bytes, true).toBytes(false));
  },
  verify: (publicKey, message, signature) => check([publicKey], message, signature),
  fastAggregateVerify: (publicKeys, message, signature) => check(publicKeys, message, signature),
};
