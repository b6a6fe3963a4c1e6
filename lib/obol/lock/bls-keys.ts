// Ethereum BLS (BLS12-381, min-pk: 48-byte G1 public keys, 96-byte G2 signatures) and
// Shamir/Lagrange helpers with charon's conventions: share index = operator index + 1.
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { bytesToNumberBE, numberToBytesBE } from "@noble/curves/utils.js";

// Ethereum signs with the proof-of-possession suite; noble defaults to the _NUL_ tag.
const BLS_POP_DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

const sigs = bls12_381.longSignatures;
const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
const Fr = bls12_381.fields.Fr;

export type G1Point = ReturnType<typeof G1.fromBytes>;
type G2Point = ReturnType<typeof G2.fromBytes>;

/** Decodes a compressed G1 public key; rejects invalid, off-subgroup and infinity points (KeyValidate). */
export function parsePublicKey(bytes: Uint8Array): G1Point {
  if (bytes.length !== 48) throw new Error(`public key must be 48 bytes, got ${bytes.length}`);
  const point = G1.fromBytes(bytes);
  if (point.equals(G1.ZERO)) throw new Error("public key is the point at infinity");
  return point;
}

/** Decodes a compressed G2 signature (subgroup-checked). */
function parseSignature(bytes: Uint8Array): G2Point {
  if (bytes.length !== 96) throw new Error(`signature must be 96 bytes, got ${bytes.length}`);
  return G2.fromBytes(bytes);
}

export function randomSecretKey(): Uint8Array {
  return bls12_381.utils.randomSecretKey();
}

export function secretToPublicKey(secretKey: Uint8Array): Uint8Array {
  return sigs.getPublicKey(secretKey).toBytes(true);
}

export function sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  return sigs.sign(sigs.hash(message, BLS_POP_DST), secretKey).toBytes(true);
}

/** False (never throws) for malformed keys or signatures: verification results are displayed, not raised. */
export function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return sigs.verify(parseSignature(signature), sigs.hash(message, BLS_POP_DST), parsePublicKey(publicKey));
  } catch {
    return false;
  }
}

export function aggregatePublicKeys(publicKeys: Uint8Array[]): Uint8Array {
  return sigs.aggregatePublicKeys(publicKeys.map(parsePublicKey)).toBytes(true);
}

export function aggregateSignatures(signatures: Uint8Array[]): Uint8Array {
  return sigs.aggregateSignatures(signatures.map(parseSignature)).toBytes(true);
}

/** FastAggregateVerify: every key signed the same message (charon's lock signature_aggregate). */
export function fastAggregateVerify(publicKeys: Uint8Array[], message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKeys.length === 0) return false;
  try {
    const aggregate = sigs.aggregatePublicKeys(publicKeys.map(parsePublicKey));
    return sigs.verify(parseSignature(signature), sigs.hash(message, BLS_POP_DST), aggregate);
  } catch {
    return false;
  }
}

/** The Lagrange coefficient at x = 0 of share index `i` among `indices` (all 1-based, distinct), as an integer fraction num/den. */
function lagrangeFraction(i: bigint, indices: bigint[]): { num: bigint; den: bigint } {
  let num = 1n;
  let den = 1n;
  for (const j of indices) {
    if (j === i) continue;
    num *= j;
    den *= j - i;
  }
  return { num, den };
}

/** The same coefficient in the scalar field. */
function lagrangeAtZero(i: bigint, indices: bigint[]): bigint {
  const { num, den } = lagrangeFraction(i, indices);
  return Fr.div(Fr.create(num), Fr.create(den));
}

function checkedIndices(shares: Map<number, unknown>): bigint[] {
  if (shares.size === 0) throw new Error("no shares");
  return [...shares.keys()].map((i) => {
    if (!Number.isInteger(i) || i < 1) throw new Error(`share index must be a positive integer, got ${i}`);
    return BigInt(i);
  });
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const abs = (a: bigint) => (a < 0n ? -a : a);

/** c·P for any integer c; cheap when |c| is small (public points: no constant time needed). */
function times(point: G1Point, c: bigint): G1Point {
  const reduced = Fr.create(c);
  // The small representative (negative when closer to the order) keeps the double-and-add short.
  return reduced > Fr.ORDER / 2n ? point.negate().multiplyUnsafe(Fr.ORDER - reduced) : point.multiplyUnsafe(reduced);
}

/**
 * True iff the public shares (keyed by 1-based share index) interpolate to `target` at 0, i.e.
 * target = Σ λ_i·share_i. Checked as L·target = Σ (L·λ_i)·share_i with L the least common
 * denominator of the Lagrange coefficients: for the few operators of a cluster every factor is a
 * small integer, so this costs a few dozen point additions instead of one full scalar
 * multiplication per share.
 */
export function interpolatesTo(shares: Map<number, G1Point>, target: G1Point): boolean {
  const indices = checkedIndices(shares);
  const terms = indices.map((i) => ({ i, ...lagrangeFraction(i, indices) }));
  const lcd = terms.reduce((l, { den }) => (l / gcd(l, abs(den))) * abs(den), 1n);
  let sum = G1.ZERO;
  for (const { i, num, den } of terms) sum = sum.add(times(shares.get(Number(i))!, (num * lcd) / den));
  return sum.equals(times(target, lcd));
}

/** The BLS operations the lock checks need: pure JS below (browser, CLI); the server passes native ones. */
export interface BlsBackend {
  /** KeyValidate (48 bytes, on the curve, in the subgroup, not infinity) and the point; throws with the reason. */
  publicKey(bytes: Uint8Array): G1Point;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean | Promise<boolean>;
  fastAggregateVerify(publicKeys: Uint8Array[], message: Uint8Array, signature: Uint8Array): boolean | Promise<boolean>;
}

export const pureJsBls: BlsBackend = { publicKey: parsePublicKey, verify, fastAggregateVerify };

/** The point of 96 uncompressed bytes that a native library has already key-validated (no second check). */
export function validatedPoint(uncompressed: Uint8Array): G1Point {
  return G1.fromAffine({ x: bytesToNumberBE(uncompressed.subarray(0, 48)), y: bytesToNumberBE(uncompressed.subarray(48, 96)) });
}

/** Combines threshold partial signatures (keyed by 1-based share index) into the group signature. */
export function thresholdAggregate(partials: Map<number, Uint8Array>): Uint8Array {
  const indices = checkedIndices(partials);
  let acc = G2.ZERO;
  for (const [i, partial] of partials) {
    acc = acc.add(parseSignature(partial).multiply(lagrangeAtZero(BigInt(i), indices)));
  }
  return acc.toBytes(true);
}

/**
 * Shamir-splits `secretKey` into `n` shares with threshold `t` over the BLS scalar field.
 * Returns shares in operator order: element k is the share with index k + 1.
 */
export function thresholdSplit(secretKey: Uint8Array, n: number, t: number): Uint8Array[] {
  if (!Number.isInteger(n) || !Number.isInteger(t) || t < 1 || t > n) {
    throw new Error(`invalid threshold ${t} of ${n}`);
  }
  const coefficients = [Fr.create(bytesToNumberBE(secretKey))];
  for (let k = 1; k < t; k++) coefficients.push(Fr.create(bytesToNumberBE(randomSecretKey())));
  return Array.from({ length: n }, (_, k) => {
    const x = BigInt(k + 1);
    // Horner evaluation of the polynomial at x.
    const y = coefficients.reduceRight((acc, c) => Fr.add(Fr.mul(acc, x), c), 0n);
    return numberToBytesBE(y, 32);
  });
}
