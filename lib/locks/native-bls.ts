import "server-only";
import { fastAggregateVerify, PublicKey, Signature, verify } from "@chainsafe/blst";
import { setImmediate as nextTurn } from "node:timers/promises";
import { validatedPoint, type BlsBackend } from "@/lib/obol/lock/bls-keys";

/**
 * The lock checks' BLS operations on the server, with blst's native bindings (@chainsafe/blst;
 * a server-external package, see next.config.mjs): one signature check costs ~1.4 ms of CPU here
 * against ~44 ms in the pure-JS path the browser keeps (figures in README "Performance").
 * blst 2.x offers no asynchronous verify, so each check first yields to the event loop: other
 * requests are served between the steps of a verification, which block for one check at most.
 */
export const nativeBls: BlsBackend = {
  publicKey(bytes) {
    if (bytes.length !== 48) throw new Error(`public key must be 48 bytes, got ${bytes.length}`);
    // Validated by blst (on the curve, in the subgroup, not infinity); noble only interpolates it.
    return validatedPoint(PublicKey.fromBytes(bytes, true).toBytes(false));
  },
  async verify(publicKey, message, signature) {
    await nextTurn();
    try {
      return verify(message, PublicKey.fromBytes(publicKey, true), Signature.fromBytes(signature, true));
    } catch {
      return false;
    }
  },
  async fastAggregateVerify(publicKeys, message, signature) {
    if (publicKeys.length === 0) return false;
    await nextTurn();
    try {
      return fastAggregateVerify(message, publicKeys.map((k) => PublicKey.fromBytes(k, true)), Signature.fromBytes(signature, true));
    } catch {
      return false;
    }
  },
};
