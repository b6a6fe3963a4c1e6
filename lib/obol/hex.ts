// Byte helpers with charon's conventions for hashing JSON hex fields.
import { hexToBytes, type Hex } from "viem";

/** Decodes charon's ethHex ("" is empty bytes). */
export function hexBytes(hex: string): Uint8Array {
  return hex === "" ? new Uint8Array(0) : hexToBytes(hex as Hex);
}

/**
 * Fixed-size bytes as charon's putBytesN/putHexBytes20 write them: shorter input is left-padded
 * with zeros (so an unset signature hashes as all zeros), longer input is an error.
 */
export function bytesN(hex: string, n: number, field: string): Uint8Array {
  const b = hexBytes(hex);
  if (b.length > n) throw new Error(`${field}: ${b.length} bytes, at most ${n} allowed`);
  const out = new Uint8Array(n);
  out.set(b, n - b.length);
  return out;
}

const utf8 = new TextEncoder();

/** A string as the UTF-8 bytes charon hashes into a ByteList, checking the list limit. */
export function utf8Bytes(s: string, limit: number, field: string): Uint8Array {
  const b = utf8.encode(s);
  if (b.length > limit) throw new Error(`${field}: ${b.length} bytes, at most ${limit} allowed`);
  return b;
}
