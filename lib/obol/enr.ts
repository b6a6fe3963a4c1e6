// Ethereum Node Records as charon writes them (`charon create enr`, eth2util/enr): "enr:" +
// base64url(RLP([signature, seq, k1, v1, ...])), identity scheme v4 over secp256k1.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, fromRlp, keccak256, toRlp, type Hex } from "viem";

export interface Enr {
  /** Compressed (33-byte) secp256k1 public key of the charon node. */
  publicKey: Hex;
  seq: bigint;
  /** 64-byte r||s signature over keccak256(RLP([seq, k1, v1, ...])). */
  signature: Hex;
  /** Keys in record order. */
  keys: string[];
  ip?: string;
  tcp?: number;
  udp?: number;
}

export type EnrParseResult = { ok: true; enr: Enr } | { ok: false; reason: string };

const fail = (reason: string): EnrParseResult => ({ ok: false, reason });
const text = new TextDecoder();

function base64UrlDecode(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  const std = s.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(std + "=".repeat((4 - (std.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

const bigEndian = (b: Uint8Array) => b.reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);

function port(b: Uint8Array | undefined): number | undefined {
  return b && b.length >= 1 && b.length <= 2 ? Number(bigEndian(b)) : undefined;
}

/**
 * Parses and validates an ENR. Rejects what charon rejects (prefix, base64, RLP, element count,
 * duplicate keys, non-v4 id, missing or invalid key, bad signature) and, per EIP-778, unsorted
 * keys, a missing "id" and an uncompressed key, none of which `charon create enr` produces.
 * ip/tcp/udp are decoded for display only.
 */
export function parseEnr(enr: string, options: { verifySignature?: boolean } = {}): EnrParseResult {
  if (!enr.startsWith("enr:")) return fail('an ENR starts with "enr:"');
  // charon <= v0.9 wrote padded base64; charon still accepts it.
  const raw = base64UrlDecode(enr.slice(4).replace(/=+$/, ""));
  if (!raw || raw.length === 0) return fail("the text after \"enr:\" is not valid base64url");

  let decoded: ReturnType<typeof fromRlp<"bytes">>;
  try {
    decoded = fromRlp(raw, "bytes");
  } catch (e) {
    return fail(`the record is not valid RLP (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
  }
  if (!Array.isArray(decoded)) return fail("the record is not an RLP list");
  const elements: Uint8Array[] = [];
  for (const el of decoded) {
    if (!(el instanceof Uint8Array)) return fail("the record contains a nested list");
    elements.push(el);
  }
  if (elements.length < 4) return fail("the record has too few elements (needs signature, seq and a key pair)");
  if (elements.length % 2 !== 0) return fail("the record has a key without a value");

  const [signature, seq] = elements;
  const kvs = new Map<string, Uint8Array>();
  const keys: string[] = [];
  for (let i = 2; i < elements.length; i += 2) {
    const key = text.decode(elements[i]);
    if (kvs.has(key)) return fail(`the record has the key "${key}" twice`);
    if (keys.length > 0 && key < keys[keys.length - 1]) return fail(`the record's keys are not sorted ("${key}" after "${keys[keys.length - 1]}")`);
    kvs.set(key, elements[i + 1]);
    keys.push(key);
  }

  const id = kvs.get("id");
  if (!id) return fail('the record has no identity scheme ("id")');
  if (text.decode(id) !== "v4") return fail(`identity scheme "${text.decode(id)}" is not supported, only "v4"`);

  const key = kvs.get("secp256k1");
  if (!key) return fail('the record has no "secp256k1" public key');
  if (key.length !== 33) return fail(`the "secp256k1" value is ${key.length} bytes, not a 33-byte compressed public key`);
  try {
    secp256k1.Point.fromBytes(key);
  } catch {
    return fail('the "secp256k1" value is not a point on the secp256k1 curve');
  }

  if (signature.length !== 64) return fail(`the signature is ${signature.length} bytes, not 64`);
  // `verifySignature: false` only for a record verified before (a served definition's, checked as
  // the operator registered): the check is a secp256k1 verification, ~2 ms.
  if (options.verifySignature !== false) {
    const digest = keccak256(toRlp(elements.slice(1)), "bytes");
    let valid = false;
    try {
      // charon's k1util.Verify64 accepts high-S signatures and a raw (pre-hashed) digest.
      valid = secp256k1.verify(signature, digest, key, { prehash: false, lowS: false });
    } catch {
      valid = false;
    }
    if (!valid) return fail("the signature does not match the record's public key");
  }

  const ip = kvs.get("ip");
  return {
    ok: true,
    enr: {
      publicKey: bytesToHex(key),
      seq: bigEndian(seq),
      signature: bytesToHex(signature),
      keys,
      ...(ip?.length === 4 ? { ip: Array.from(ip).join(".") } : {}),
      ...(port(kvs.get("tcp")) !== undefined ? { tcp: port(kvs.get("tcp")) } : {}),
      ...(port(kvs.get("udp")) !== undefined ? { udp: port(kvs.get("udp")) } : {}),
    },
  };
}
