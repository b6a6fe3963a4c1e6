import { formatWithOptions } from "node:util";

/**
 * The server's RPC_URL may carry a provider's API key in its path, query or user part, and viem
 * writes the URL into its error messages: these helpers keep it out of logs.
 */
export function rpcUrlRedactor(rpcUrl: string): (text: string) => string {
  const url = new URL(rpcUrl);
  const secrets = [rpcUrl, url.href, url.pathname.length > 1 ? url.pathname + url.search : "", url.search, url.username, url.password]
    .filter((s) => s.length > 1)
    // Longest first, so the whole URL is replaced before its parts.
    .sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join("<RPC_URL>"), text);
}

type Method = "error" | "warn" | "log" | "info";

/** Makes console.error/warn/log/info (Next's own error logging included) pass through `redact`. */
export function redactConsole(redact: (text: string) => string, target: Pick<Console, Method> = console): void {
  for (const method of ["error", "warn", "log", "info"] as const) {
    const write = target[method].bind(target);
    target[method] = (...args: unknown[]) => write(redact(formatWithOptions({ colors: false }, ...args)));
  }
}
