import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Where the portal may send a webhook: https only, to hosts whose every address is public, so a
 * subscription cannot make the portal reach its own network. Checked at subscription and again
 * at each delivery, where the connection goes to the very address that was checked (`safeLookup`),
 * so a name that resolves elsewhere the second time (DNS rebinding) gains nothing. Hosts on the
 * allow-list (WEBHOOK_ALLOWED_HOSTS, for tests and local receivers) skip both rules.
 */

// Special-purpose ranges (IANA registries): private, loopback, link-local, shared, documentation,
// multicast and reserved; IPv6 unique-local, link-local, NAT64. IPv4-mapped IPv6 addresses are
// checked as the IPv4 address they carry (an ::ffff:0:0/96 rule would also match every IPv4 address,
// which BlockList compares in that mapped form).
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** Whether an IP address is one the portal must not connect to on a subscriber's behalf. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // An IPv4-mapped IPv6 address is checked as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], "ipv4");
  return blocked.check(address, family === 6 ? "ipv6" : "ipv4");
}

export class WebhookUrlError extends Error {
  name = "WebhookUrlError";
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();

/** Whether `url`'s host is on the allow-list (exact host names or IP addresses). */
export const isAllowListed = (url: URL, allowed: readonly string[]) => allowed.includes(hostOf(url));

/** Parses a webhook URL and applies the rules that need no DNS; throws WebhookUrlError with a sentence. */
export function parseWebhookUrl(value: string, allowed: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new WebhookUrlError("The webhook URL is not a valid URL.");
  }
  if (url.username || url.password) throw new WebhookUrlError("The webhook URL must not carry a user name or password.");
  if (isAllowListed(url, allowed)) return url;
  if (url.protocol !== "https:") throw new WebhookUrlError("The webhook URL must use https.");
  if (isIP(hostOf(url)) && isNonPublicAddress(hostOf(url))) {
    throw new WebhookUrlError("The webhook URL points to a private, loopback or link-local address, which the portal does not call.");
  }
  return url;
}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** Resolves `host` and refuses it when any of its addresses is not public. */
export async function publicAddresses(host: string, resolve: Resolver = systemResolver): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  } catch {
    throw new WebhookUrlError(`The webhook host ${host} does not resolve.`);
  }
  if (addresses.length === 0) throw new WebhookUrlError(`The webhook host ${host} does not resolve.`);
  if (addresses.some((a) => isNonPublicAddress(a.address))) {
    throw new WebhookUrlError(`The webhook host ${host} resolves to a private, loopback or link-local address, which the portal does not call.`);
  }
  return addresses;
}

/** Checks a webhook URL completely (including DNS), as at subscription. */
export async function checkWebhookUrl(value: string, allowed: readonly string[], resolve?: Resolver): Promise<URL> {
  const url = parseWebhookUrl(value, allowed);
  if (!isAllowListed(url, allowed)) await publicAddresses(hostOf(url), resolve);
  return url;
}

/**
 * A `lookup` for node's http(s) requests that answers only with checked public addresses: the
 * socket connects to what was checked, at the moment of the delivery.
 */
export const safeLookup: LookupFunction = (hostname, options, callback) => {
  publicAddresses(hostname).then(
    (addresses) => {
      if (options.all) return callback(null, addresses);
      const wanted = options.family === 6 || options.family === "IPv6" ? 6 : options.family === 4 || options.family === "IPv4" ? 4 : 0;
      const pick = addresses.find((a) => wanted === 0 || a.family === wanted) ?? addresses[0];
      callback(null, pick.address, pick.family);
    },
    (error: Error) => callback(Object.assign(error, { code: "EWEBHOOKBLOCKED" }) as NodeJS.ErrnoException, "", 0),
  );
};
