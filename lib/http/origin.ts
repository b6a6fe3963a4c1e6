import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

/**
 * This portal's public origin, for URLs people paste into other programs (the `charon dkg`
 * command): PUBLIC_URL when set; else the request's host, or the proxy's forwarded host and
 * protocol when TRUSTED_PROXY_HEADERS says a proxy sets them.
 */
export async function requestOrigin(): Promise<string> {
  const env = getEnv();
  return originOf(await headers(), { publicUrl: env.PUBLIC_URL, trusted: env.TRUSTED_PROXY_HEADERS });
}

const hostPattern = /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;
const webProtocol = /^https?$/;

export function originOf(h: Headers, { publicUrl, trusted }: { publicUrl?: string; trusted: readonly string[] }): string {
  if (publicUrl && /^https?:$/.test(new URL(publicUrl).protocol)) return new URL(publicUrl).origin;
  // A proxy's header may list several hops; the first is the one the browser used.
  const forwarded = (name: string) => (trusted.includes(name) ? h.get(name)?.split(",")[0].trim().toLowerCase() : undefined);
  const host = [forwarded("x-forwarded-host"), h.get("host")?.trim()].find((c) => c !== undefined && hostPattern.test(c)) ?? "localhost:3000";
  const proto = forwarded("x-forwarded-proto");
  const scheme = proto && webProtocol.test(proto) ? proto : /^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https";
  return `${scheme}://${host}`;
}
