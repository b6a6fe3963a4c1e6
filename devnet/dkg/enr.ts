// An operator's charon ENR from its secp256k1 key, as `charon create enr` writes it (plus the
// optional ip/tcp/udp a running node advertises), for seeds and tests of the test DKG.
import { hexToBytes, type Hex } from "viem";
import { buildEnr } from "@/lib/obol/testdata/enr-builder";

export interface EnrEndpoint {
  ip?: string;
  tcp?: number;
  udp?: number;
}

/** A port as an RLP integer: big-endian without leading zeros. */
function portBytes(port: number): Uint8Array {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port ${port}`);
  return port > 255 ? Uint8Array.of(port >> 8, port & 0xff) : Uint8Array.of(port);
}

function ipBytes(ip: string): Uint8Array {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`invalid IPv4 address ${ip}`);
  return Uint8Array.from(parts);
}

export const keyBytes = (key: Hex | Uint8Array): Uint8Array => (typeof key === "string" ? hexToBytes(key) : key);

export function operatorEnr(privateKey: Hex | Uint8Array, { ip, tcp, udp }: EnrEndpoint = {}): string {
  const extra: Record<string, Uint8Array> = {};
  if (ip !== undefined) extra.ip = ipBytes(ip);
  if (tcp !== undefined) extra.tcp = portBytes(tcp);
  if (udp !== undefined) extra.udp = portBytes(udp);
  return buildEnr(keyBytes(privateKey), { extra });
}
