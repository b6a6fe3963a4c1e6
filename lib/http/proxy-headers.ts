import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";

/**
 * Headers in which a reverse proxy describes the client. Anyone can send them, so they mean
 * something only when the operator says a proxy in front of the portal sets them
 * (TRUSTED_PROXY_HEADERS); the others are removed before Next sees the request.
 */
export const forwardedHeaders = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"] as const;

/**
 * Deletes the forwarded headers not in `trusted` from `headers` and returns the client's address
 * for rate limiting: from a trusted header when one carries it, else the socket's.
 */
export function sanitiseProxyHeaders(headers: IncomingHttpHeaders, socketAddress: string | undefined, trusted: readonly string[]): string {
  for (const name of forwardedHeaders) if (!trusted.includes(name)) delete headers[name];
  const one = (name: string) => (trusted.includes(name) ? [headers[name]].flat().join(",") : "");
  // The nearest proxy appends the address it saw; entries to its left came from the client.
  const candidates = [
    one("x-real-ip").trim(),
    one("x-forwarded-for").split(",").at(-1)?.trim(),
    /for="?\[?([^\]";,]+)/i.exec(one("forwarded").split(",").at(-1) ?? "")?.[1],
  ];
  const address = candidates.map((c) => normalise(c ?? "")).find((c) => c !== null);
  return address ?? normalise(socketAddress ?? "") ?? "unknown";
}

/**
 * One bucket per IPv4 address and per IPv6 /64 (a single host is commonly given a whole /64);
 * null when `text` is no address.
 */
function normalise(text: string): string | null {
  // IPv4 as IPv6 (a dual-stack socket), or with the port some proxies append.
  const address = text.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;
  const [head, tail] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
