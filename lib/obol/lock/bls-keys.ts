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

type G1Point = ReturnType<typeof G1.fromBytes>;
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

/** Lagrange coefficient at x = 0 for share index `i` among `indices` (all 1-based, distinct). */
function lagrangeAtZero(i: bigint, indices: bigint[]): bigint {
  let num = 1n;
  let den = 1n;
  for (const j of indices) {
    if (j === i) continue;
    num = Fr.mul(num, j);
    den = Fr.mul(den, Fr.sub(j, i));
  }
  return Fr.div(num, den);
}

function checkedIndices(shares: Map<number, unknown>): bigint[] {
  if (shares.size === 0) throw new Error("no shares");
  return [...shares.keys()].map((i) => {
    if (!Number.isInteger(i) || i < 1) throw new Error(`share index must be a positive integer, got ${i}`);
    return BigInt(i);
  });
}

/** Interpolates public shares (keyed by 1-based share index) at 0: the group public key if they lie on its polynomial. */
export function recoverPublicKey(shares: Map<number, Uint8Array>): Uint8Array {
  const indices = checkedIndices(shares);
  let acc = G1.ZERO;
  for (const [i, share] of shares) {
    acc = acc.add(parsePublicKey(share).multiply(lagrangeAtZero(BigInt(i), indices)));
  }
  return acc.toBytes(true);
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
