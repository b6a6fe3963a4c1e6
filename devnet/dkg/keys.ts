// Validator keys for the test DKG: a seeded scalar stream and a Shamir split over the BLS field.
// lock/bls-keys' thresholdSplit draws its polynomial from the OS RNG; a reproducible devnet seed
// needs the coefficients from the seed instead, so the polynomial is evaluated here.
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { bytesToNumberBE, concatBytes, numberToBytesBE } from "@noble/curves/utils.js";
import { sha256 } from "@noble/hashes/sha2.js";

const Fr = bls12_381.fields.Fr;
const DOMAIN = new TextEncoder().encode("byzantine-portal/test-dkg/v1");

const u32 = (n: number) => numberToBytesBE(n, 4);

/** A non-zero scalar determined by (seed, validator, coefficient); sha256 output reduced mod r. */
function scalar(seed: Uint8Array, validator: number, coefficient: number): bigint {
  for (let counter = 0; ; counter++) {
    const x = Fr.create(bytesToNumberBE(sha256(concatBytes(DOMAIN, seed, u32(validator), u32(coefficient), u32(counter)))));
    if (x !== 0n) return x;
  }
}

export interface ValidatorKey {
  /** The whole validator key (never exists in a real DKG; kept so tests can sign directly). */
  secretKey: Uint8Array;
  /** Share k belongs to operator k (share index k + 1). */
  secretShares: Uint8Array[];
}

/** Validator `index`'s key and its n shares of threshold t: a degree t-1 polynomial f with f(0) = key. */
export function validatorKey(seed: Uint8Array, index: number, n: number, t: number): ValidatorKey {
  if (!Number.isInteger(n) || !Number.isInteger(t) || t < 1 || t > n) throw new Error(`invalid threshold ${t} of ${n}`);
  const coefficients = Array.from({ length: t }, (_, k) => scalar(seed, index, k));
  const evaluate = (x: bigint) => coefficients.reduceRight((acc, c) => Fr.add(Fr.mul(acc, x), c), 0n);
  return {
    secretKey: numberToBytesBE(coefficients[0], 32),
    secretShares: Array.from({ length: n }, (_, k) => numberToBytesBE(evaluate(BigInt(k + 1)), 32)),
  };
}
