// Builds ENRs for tests the way charon's enr.New does (sorted keys, seq 0), with knobs to break them.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak256, toRlp, type Hex } from "viem";

const utf8 = new TextEncoder();

export function buildEnr(
  privateKey: Uint8Array,
  {
    extra = {},
    omit = [],
    sort = true,
    corruptSignature = false,
  }: { extra?: Record<string, Uint8Array>; omit?: string[]; sort?: boolean; corruptSignature?: boolean } = {},
): string {
  const kvs: Record<string, Uint8Array> = {
    id: utf8.encode("v4"),
    secp256k1: secp256k1.getPublicKey(privateKey, true),
    ...extra,
  };
  const keys = Object.keys(kvs).filter((k) => !omit.includes(k));
  if (sort) keys.sort();
  else keys.sort().reverse();
  const content: Uint8Array[] = [new Uint8Array(0), ...keys.flatMap((k) => [utf8.encode(k), kvs[k]])];
  const digest = keccak256(toRlp(content), "bytes");
  const signature = secp256k1.sign(digest, privateKey, { prehash: false });
  if (corruptSignature) signature[10] ^= 1;
  return `enr:${Buffer.from(toRlp([signature, ...content], "bytes")).toString("base64url")}`;
}

/** Deterministic test keys: 0x01..01, 0x02..02, ... */
export const testKey = (n: number): Uint8Array => new Uint8Array(32).fill(n);
export const testKeyHex = (n: number): Hex => `0x${n.toString(16).padStart(2, "0").repeat(32)}`;
