import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, hexToBytes, keccak256, toBytes } from "viem";
import { describe, expect, it } from "vitest";
import { verifyLock } from "@/lib/obol/verify";
import { runTestDkg } from "@/devnet/dkg";
import { signedTestCluster } from "@/devnet/dkg/fixture";
import { nativeRecoverNodeKey } from "./native-secp256k1";

describe("native recovery of a node's key", () => {
  it("recovers exactly the key that signed, for both recovery ids, and no key from a changed hash", () => {
    for (let i = 0; i < 20; i++) {
      const secret = hexToBytes(keccak256(toBytes(`node ${i}`)));
      const hash = hexToBytes(keccak256(toBytes(`lock ${i}`)));
      const signed = secp256k1.sign(hash, secret, { prehash: false, format: "recovered" });
      // noble's "recovered" format puts the recovery id first.
      const [recovery, compact] = [signed[0], signed.subarray(1)];
      expect(bytesToHex(nativeRecoverNodeKey(hash, compact, recovery)!)).toBe(bytesToHex(secp256k1.getPublicKey(secret, true)));
      const other = hash.slice();
      other[0] ^= 1;
      expect(bytesToHex(nativeRecoverNodeKey(other, compact, recovery) ?? new Uint8Array())).not.toBe(bytesToHex(secp256k1.getPublicKey(secret, true)));
    }
    expect(nativeRecoverNodeKey(new Uint8Array(32), new Uint8Array(64), 0)).toBeNull();
  });

  it("gives verifyLock the same node-signature results as the pure-JS path, valid and tampered", async () => {
    const { lock } = await runTestDkg({ ...(await signedTestCluster()), seed: "native recovery" });
    const tampered = structuredClone(lock);
    const sig = tampered.node_signatures[2];
    tampered.node_signatures[2] = `${sig.slice(0, 20)}${sig[20] === "0" ? "1" : "0"}${sig.slice(21)}` as typeof sig;
    for (const l of [lock, tampered]) {
      const js = await verifyLock(l, { lockOnly: true });
      const native = await verifyLock(l, { lockOnly: true, recoverNodeKey: nativeRecoverNodeKey });
      expect(native.node_signatures).toEqual(js.node_signatures);
    }
    expect((await verifyLock(lock, { lockOnly: true, recoverNodeKey: nativeRecoverNodeKey })).node_signatures).toEqual([true, true, true, true]);
    expect((await verifyLock(tampered, { lockOnly: true, recoverNodeKey: nativeRecoverNodeKey })).node_signatures).toEqual([true, true, false, true]);
  });
});
