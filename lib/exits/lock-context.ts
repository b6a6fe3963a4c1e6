import { bytesToHex, hexToBytes, type Hex } from "viem";
import type { Sql } from "@/lib/db";
import { HttpError } from "@/lib/http";
import { parseEnr } from "@/lib/obol/enr";
import { networkOf } from "@/lib/networks";
import { lockSchema, type DistributedValidator, type Lock } from "@/lib/obol/schema";
import { verifyNodeSignature } from "@/lib/obol/verify";
import { lockByHash } from "@/lib/locks/storage";

/**
 * The checks every exit and deposit request shares, cheapest first (docs/obol.md §Exits and deposits):
 * the lock is stored here, the share index is an operator of it, the validator is in it, and the
 * identity signature is that operator's charon key. Each refusal names the failed check.
 */

/** Native key recovery on the server, pure JS elsewhere (lib/obol/verify's signature). */
export type RecoverNodeKey = NonNullable<Parameters<typeof verifyNodeSignature>[3]>;

/** The stored, verified lock with this hash; 404 when none. */
export async function storedLock(sql: Sql, lockHash: Hex): Promise<Lock> {
  const stored = await lockByHash(sql, lockHash);
  if (!stored) {
    throw new HttpError(
      404,
      `No lock with lock hash ${lockHash} is stored here: the cluster's lock must be published to this portal (charon dkg --publish) before its exits or deposits.`,
    );
  }
  return lockSchema.parse(stored.body);
}

/** The network of a stored lock (stored locks passed verification, so charon knows it). */
export function lockNetwork(lock: Lock) {
  const network = networkOf(lock.cluster_definition.fork_version);
  if (!network) throw new Error(`stored lock ${lock.lock_hash} has an unknown fork version ${lock.cluster_definition.fork_version}`);
  return network;
}

/** 400 unless `shareIndex` (1-based) is one of the lock's operators. */
export function checkShareIndex(lock: Lock, shareIndex: number): void {
  const count = lock.cluster_definition.operators.length;
  if (shareIndex < 1 || shareIndex > count) {
    throw new HttpError(400, `Share index ${shareIndex} is no operator of this cluster: its ${count} operators have share indices 1 to ${count}.`);
  }
}

/** The lock's validator with this public key (lower-case 0x hex); 400 when it has none. */
export function lockValidator(lock: Lock, validatorPubkey: Hex): DistributedValidator {
  const dv = lock.distributed_validators.find((v) => v.distributed_public_key.toLowerCase() === validatorPubkey);
  if (!dv) throw new HttpError(400, `Validator ${validatorPubkey} is not in this cluster's lock (lock hash ${lock.lock_hash}).`);
  return dv;
}

/** The public key share of operator `shareIndex` for a validator. */
export function publicShare(dv: DistributedValidator, shareIndex: number): Uint8Array {
  const share = dv.public_shares[shareIndex - 1];
  if (!share) throw new Error(`validator ${dv.distributed_public_key} has no public share ${shareIndex}`);
  return hexToBytes(share as Hex);
}

/**
 * 401 unless `signature` (65 bytes r || s || v, charon k1util.Sign) over `root` recovers the
 * charon identity key of operator `shareIndex`: the key of its ENR in the lock.
 */
export function checkIdentitySignature(lock: Lock, shareIndex: number, root: Uint8Array, signature: Hex, recover: RecoverNodeKey): void {
  const operator = lock.cluster_definition.operators[shareIndex - 1];
  const enr = parseEnr(operator.enr, { verifySignature: false });
  const valid = enr.ok && verifyNodeSignature(enr.enr.publicKey, bytesToHex(root), signature, recover);
  if (!valid) {
    throw new HttpError(
      401,
      `The identity signature is not operator ${shareIndex}'s (${operator.address}): it must be made with the charon node key of that operator's ENR in the lock (.charon/charon-enr-private-key) over this request.`,
      undefined,
      { "www-authenticate": 'Bearer realm="charon identity key"' },
    );
  }
}
