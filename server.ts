/**
 * The portal's HTTP server: Next behind lib/http/portal-server.ts, which removes proxy headers no
 * trusted proxy set, rate-limits each client, answers malformed URLs, and adds security headers.
 *
 *   tsx server.ts [--dev] [--port 3000] [--hostname 127.0.0.1]
 *
 * `npm start` and `npm run dev` (through scripts/dev.ts) run it.
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { getDatabase } from "@/lib/db";
import { envOrExit } from "@/lib/env-check";
import { registeredPageState } from "@/lib/http/page-cache";
import { portalRequestHandler } from "@/lib/http/portal-server";
import { createRateLimiter, databaseCounters, memoryCounters, sharedCountersWithFallback } from "@/lib/http/rate-limit";
import { redactConsole, rpcUrlRedactor } from "@/lib/http/redact";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", short: "p", default: process.env.PORT ?? "3000" },
    hostname: { type: "string", short: "H" },
  },
});
const dev = values.dev;
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
// tsx turns Node's source maps on; in production they would keep every server chunk's map, with
// the sources of every package bundled into it, in memory (60–100 MB of a 1,000-cluster server, measured).
if (!dev) process.setSourceMapsEnabled(false);

const env = envOrExit();

// Next logs the errors of pages itself; a key in RPC_URL must not reach those logs either.
if (env.RPC_URL !== env.PUBLIC_RPC_URL) redactConsole(rpcUrlRedactor(env.RPC_URL));

const port = Number(values.port);
const app = next({ dev, hostname: values.hostname, port });
const handle = portalRequestHandler({
  dev,
  trustedProxyHeaders: env.TRUSTED_PROXY_HEADERS,
  publicRpcUrl: env.PUBLIC_RPC_URL,
  walletConnect: env.WALLETCONNECT_PROJECT_ID !== undefined,
  limiter: createRateLimiter({
    // Several instances on one PostgreSQL share their counts; the embedded database serves one process.
    store: env.DATABASE_URL ? sharedCountersWithFallback(databaseCounters(getDatabase)) : memoryCounters(),
    limits: { write: env.RATE_LIMIT_WRITES_PER_MINUTE, read: env.RATE_LIMIT_READS_PER_MINUTE },
  }),
  pageState: registeredPageState,
  next: app.getRequestHandler(),
});

await app.prepare();
const server = createServer((request, response) => void handle(request, response));
server.listen(port, values.hostname, () => {
  console.log(`portal ready on http://${values.hostname ?? "localhost"}:${port}${dev ? " (development)" : ""}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
