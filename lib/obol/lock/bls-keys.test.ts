import { describe, expect, it } from "vitest";
import { bytesToHex } from "viem";
import {
  aggregatePublicKeys,
  aggregateSignatures,
  fastAggregateVerify,
  parsePublicKey,
  randomSecretKey,
  interpolatesTo,
  secretToPublicKey,
  sign,
  thresholdAggregate,
  thresholdSplit,
  verify,
} from "./bls-keys";

const msg = new TextEncoder().encode("obol");

describe("bls-keys", () => {
  it("signs and verifies with the Ethereum POP ciphersuite", () => {
    // Ethereum consensus-spec BLS `sign` test vector: secret key, message 0x56 * 32, signature.
    const sk = Uint8Array.from(Buffer.from("328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216", "hex"));
    const message = new Uint8Array(32).fill(0x56);
    const sig = sign(sk, message);
    expect(bytesToHex(sig)).toBe(
      "0xa4efa926610b8bd1c8330c918b7a5e9bf374e53435ef8b7ec186abf62e1b1f65aeaaeb365677ac1d1172a1f5b44b4e6d022c252c58486c0a759fbdc7de15a756acc4d343064035667a594b4c2a6f0b0b421975977f297dba63ee2f63ffe47bb6",
    );
    expect(verify(secretToPublicKey(sk), message, sig)).toBe(true);
    const tampered = sig.slice();
    tampered[50] ^= 1;
    expect(verify(secretToPublicKey(sk), message, tampered)).toBe(false);
    expect(verify(secretToPublicKey(sk), new Uint8Array(32), sig)).toBe(false);
  });

  it("rejects the point at infinity as a public key", () => {
    const infinity = new Uint8Array(48);
    infinity[0] = 0xc0;
    expect(() => parsePublicKey(infinity)).toThrow(/infinity/);
    expect(verify(infinity, msg, new Uint8Array(96))).toBe(false);
  });

  it("fast-aggregate-verifies many keys over one message", () => {
    const sks = [randomSecretKey(), randomSecretKey(), randomSecretKey()];
    const pks = sks.map(secretToPublicKey);
    const agg = aggregateSignatures(sks.map((sk) => sign(sk, msg)));
    expect(fastAggregateVerify(pks, msg, agg)).toBe(true);
    expect(verify(aggregatePublicKeys(pks), msg, agg)).toBe(true);
    expect(fastAggregateVerify(pks.slice(1), msg, agg)).toBe(false);
    expect(fastAggregateVerify([], msg, agg)).toBe(false);
  });

  it("splits a key t-of-n so that every t-subset recovers it (1-based share indices)", () => {
    const sk = randomSecretKey();
    const pk = secretToPublicKey(sk);
    const key = parsePublicKey(pk);
    const shares = thresholdSplit(sk, 4, 3);
    const pubShares = shares.map((s) => parsePublicKey(secretToPublicKey(s)));
    const subsets = [
      [0, 1, 2],
      [0, 1, 3],
      [0, 2, 3],
      [1, 2, 3],
    ];
    for (const subset of subsets) {
      expect(interpolatesTo(new Map(subset.map((k) => [k + 1, pubShares[k]])), key)).toBe(true);
      const partials = new Map(subset.map((k) => [k + 1, sign(shares[k], msg)]));
      expect(verify(pk, msg, thresholdAggregate(partials))).toBe(true);
    }
    // t-1 shares, or shares under the wrong indices, do not recover the key.
    expect(interpolatesTo(new Map([[1, pubShares[0]], [2, pubShares[1]]]), key)).toBe(false);
    const shifted = new Map([0, 1, 2].map((k) => [k + 2, pubShares[k]]));
    expect(interpolatesTo(shifted, key)).toBe(false);
  });

  it("interpolates with large share indices (coefficients past the group order)", () => {
    const sk = randomSecretKey();
    const shares = thresholdSplit(sk, 64, 48).map((s) => parsePublicKey(secretToPublicKey(s)));
    const top = new Map(shares.slice(16).map((p, k) => [k + 17, p]));
    expect(interpolatesTo(top, parsePublicKey(secretToPublicKey(sk)))).toBe(true);
    expect(interpolatesTo(top, shares[0])).toBe(false);
  });

  it("rejects invalid thresholds", () => {
    expect(() => thresholdSplit(randomSecretKey(), 3, 4)).toThrow();
    expect(() => thresholdSplit(randomSecretKey(), 3, 0)).toThrow();
  });
});
