import "server-only";
import { headers } from "next/headers";

/**
 * This portal's public origin as the browser reached it (behind a proxy too), for URLs people
 * paste into other programs, such as the `charon dkg` command.
 */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (/^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https");
  return `${proto.split(",")[0].trim()}://${host.split(",")[0].trim()}`;
}
