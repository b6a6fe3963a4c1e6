// The request pipeline of server.ts, on a real HTTP server on a free port. Next itself is replaced
// by a handler that reports the headers it was given, which is what this pipeline decides.
import { createServer, get, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { brotliDecompressSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { NextConfig } from "next";
import { requestScoped } from "@/lib/request-scope";
import { registerFastRoutes } from "./fast-routes";
import { portalRequestHandler } from "./portal-server";
import { createRateLimiter, memoryCounters } from "./rate-limit";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

async function startPortal(
  options: { trusted?: string[]; writes?: number; publicRpcUrl?: string; dev?: boolean; next?: NextHandler; pageState?: () => Promise<string | null> } = {},
): Promise<string> {
  const echo = async (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(request.headers));
  };
  const handle = portalRequestHandler({
    dev: options.dev ?? false,
    trustedProxyHeaders: options.trusted ?? [],
    publicRpcUrl: options.publicRpcUrl,
    limiter: createRateLimiter({ store: memoryCounters(), limits: { write: options.writes ?? 60, read: 600 } }),
    pageState: options.pageState,
    next: options.next ?? echo,
  });
  const server = createServer((request, response) => void handle(request, response));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: "POST", headers, body: "{}" });

/** A GET whose body is read as the bytes on the wire (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("portal server", () => {
  it.each(["br", "gzip"])("compresses a streamed page chunk by chunk (%s): its first part reaches the browser before the rest is rendered", async (encoding) => {
    let renderRest!: () => void;
    const restAsked = new Promise<void>((resolve) => (renderRest = resolve));
    const base = await startPortal({
      next: async (_request, response) => {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.write(`<!DOCTYPE html><main>${"<p>shell</p>".repeat(200)}`);
        // A server that holds compressed output until the end never lets the client ask: it ends after 3 s.
        await Promise.race([restAsked, new Promise((resolve) => setTimeout(resolve, 3000))]);
        response.end("<p>rest</p></main>");
      },
    });
    const response = await fetch(base, { headers: { "accept-encoding": encoding } });
    expect(response.headers.get("content-encoding")).toBe(encoding);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    expect(first.value).toContain("<p>shell</p>");
    expect(first.value).not.toContain("rest");
    renderRest();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
    expect(rest).toContain("<p>rest</p></main>");
  });

  it("answers 429 with Retry-After and a sentence once a client sent its writes for the minute", async () => {
    const base = await startPortal();
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 400; i++) {
      const response = await post(`${base}/api/v1/termsAndConditions`);
      statuses.push(response.status);
      if (response.status === 429) refused ??= response;
      else await response.body?.cancel();
    }
    // The minute may turn during the run: then at most twice the limit passes.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(60);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(120);
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused!.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await refused!.json()).message).toMatch(/^Too many requests that change data from your address: at most 60 per minute\. Try again in \d+ s\.$/);
    // Reads have their own allowance.
    expect((await fetch(`${base}/api/clusters`)).status).toBe(200);
  });

  it("ignores X-Forwarded-For from the client unless the proxy is trusted", async () => {
    const untrusted = await startPortal({ writes: 3 });
    const spoofed = async (base: string, n: number) => {
      const statuses = [];
      for (let i = 0; i < n; i++) statuses.push((await post(base, { "x-forwarded-for": `198.51.100.${i}` })).status);
      return statuses;
    };
    expect(await spoofed(untrusted, 5)).toEqual([200, 200, 200, 429, 429]);
    const seen = await (await fetch(untrusted, { headers: { "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2", forwarded: "for=198.51.100.3" } })).json();
    expect(seen).not.toHaveProperty("x-forwarded-for");
    expect(seen).not.toHaveProperty("x-real-ip");
    expect(seen).not.toHaveProperty("forwarded");

    // Behind a trusted proxy each forwarded address is a client of its own; the proxy's own
    // entry is the last one, so a client's prefix changes nothing.
    const trusted = await startPortal({ writes: 3, trusted: ["x-forwarded-for"] });
    expect(await spoofed(trusted, 5)).toEqual([200, 200, 200, 200, 200]);
    const sameClient = [];
    for (let i = 0; i < 4; i++) sameClient.push((await post(trusted, { "x-forwarded-for": `10.9.9.${i}, 203.0.113.7` })).status);
    expect(sameClient).toEqual([200, 200, 200, 429]);
    expect((await (await fetch(trusted, { headers: { "x-forwarded-for": "203.0.113.8" } })).json())["x-forwarded-for"]).toBe("203.0.113.8");
  });

  it("drops a forwarded host and protocol unless trusted", async () => {
    const spoof = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "javascript", "x-forwarded-port": "1" };
    const seen = await (await fetch(await startPortal(), { headers: spoof })).json();
    for (const name of Object.keys(spoof)) expect(seen).not.toHaveProperty(name);
    const kept = await (await fetch(await startPortal({ trusted: ["x-forwarded-host"] }), { headers: spoof })).json();
    expect(kept["x-forwarded-host"]).toBe("evil.example");
    expect(kept).not.toHaveProperty("x-forwarded-proto");
  });

  it("answers 400 JSON for a path with malformed percent-encoding", async () => {
    const response = await fetch(`${await startPortal()}/api/v1/definition/%ff`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect((await response.json()).message).toMatch(/percent-encoding/);
  });

  it("puts the security headers on every answer, HSTS only over https", async () => {
    const base = await startPortal({ publicRpcUrl: "https://rpc.example/public", trusted: ["x-forwarded-proto"] });
    for (const path of ["/", "/api/v1/definition/%ff", "/_next/static/x.js"]) {
      const response = await fetch(`${base}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("connect-src 'self' https://rpc.example;");
      // WebAssembly may compile (the verify page's SSZ hashing); JavaScript may not be evaluated.
      expect(csp).toContain("script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval';");
      expect(csp).not.toContain(" 'unsafe-eval'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
    const overTls = await fetch(base, { headers: { "x-forwarded-proto": "https" } });
    expect(overTls.headers.get("strict-transport-security")).toBe("max-age=31536000");
    // Next's own header is switched off in its configuration.
    const { default: nextConfig } = (await import(new URL("../../next.config.mjs", import.meta.url).href)) as { default: NextConfig };
    expect(nextConfig.poweredByHeader).toBe(false);
  });

  it("answers a registered read route itself (GET, that exact path), gzipped when accepted, and leaves the rest to Next", async () => {
    registerFastRoutes({
      "/api/clusters": async (request) =>
        new Response(JSON.stringify({ answeredBy: "fast route", query: new URL(request.url).search, padding: "x".repeat(4_000) }), {
          status: 203,
          headers: { "content-type": "application/json", "x-from-route": "yes" },
        }),
    });
    try {
      const base = await startPortal();
      const fast = await fetch(`${base}/api/clusters?view=mine&page=2`, { headers: { "accept-encoding": "gzip" } });
      expect(fast.status).toBe(203);
      expect(fast.headers.get("x-from-route")).toBe("yes");
      expect(fast.headers.get("content-encoding")).toBe("gzip");
      // The portal's own headers still apply.
      expect(fast.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await fast.json()).toMatchObject({ answeredBy: "fast route", query: "?view=mine&page=2" });

      const plain = await fetch(`${base}/api/clusters`, { headers: { "accept-encoding": "identity" } });
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect(Number(plain.headers.get("content-length"))).toBeGreaterThan(4_000);
      await plain.body?.cancel();

      // Next's echo answers 200 with the request's headers: a write, another path, and development.
      for (const response of [await post(`${base}/api/clusters`), await fetch(`${base}/api/clusters/0xabc`)]) {
        expect(response.status).toBe(200);
        expect(await response.json()).not.toHaveProperty("answeredBy");
      }
      const dev = await fetch(`${await startPortal({ dev: true })}/api/clusters`);
      expect(await dev.json()).not.toHaveProperty("answeredBy");
    } finally {
      registerFastRoutes({});
    }
  });

  it("serves a visitor's kept page the way it serves a rendered one: compressed, its scripts after the first paint; never in development", async () => {
    let renders = 0;
    const next: NextHandler = async (_request, response) => {
      renders++;
      response.setHeader("content-type", "text/html; charset=utf-8");
      response.end(`<!DOCTYPE html><html><head><script src="/_next/static/chunks/app.js" async=""></script></head><body>render ${renders}</body></html>`);
    };
    const base = await startPortal({ next, pageState: async () => "block-1:0" });
    const answers = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(base, { headers: { "accept-encoding": "br" } });
      answers.push({ encoding: response.headers.get("content-encoding"), csp: response.headers.get("content-security-policy"), text: await response.text() });
    }
    expect(renders).toBe(1);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0].encoding).toBe("br");
    expect(answers[0].csp).toContain("default-src 'self'");
    expect(answers[0].text).toContain('self.__portalScript("/_next/static/chunks/app.js")');

    // Kept as it went out, per encoding: a client taking only gzip gets its own render, and a kept
    // page is sent whole, with its length, as the bytes the first answer carried.
    const gzip = await fetch(base, { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(await gzip.text()).toContain("render 2");
    const raw = await rawGet(base, { "accept-encoding": "br" });
    expect(raw.headers["x-portal-page"]).toBe("kept");
    expect(raw.headers["content-encoding"]).toBe("br");
    expect(Number(raw.headers["content-length"])).toBe(raw.body.length);
    expect(brotliDecompressSync(raw.body).toString()).toBe(answers[0].text);
    expect(renders).toBe(2);

    const dev = await startPortal({ dev: true, next, pageState: async () => "block-1:0" });
    await (await fetch(dev)).text();
    expect(await (await fetch(dev)).text()).toContain("render 4");
  });

  it("lets a page's render take what the page cache's check of the same request read (the chain head), and nothing another request read", async () => {
    let reads = 0;
    const head = () => requestScoped("head", () => ++reads);
    const next: NextHandler = async (request, response) => {
      response.setHeader("content-type", "text/html; charset=utf-8");
      // A route reads twice, as a handler that waits for something and then reads again.
      const at = request.url?.startsWith("/api/") ? `${head()} then ${head()}` : `${head()}`;
      response.end(`<!DOCTYPE html><main>render at ${at}</main>`);
    };
    // Each request reads a new head, so each is a miss, rendered at the head its check read.
    const base = await startPortal({ next, pageState: async () => `block-${head()}:0` });
    expect(await (await fetch(base)).text()).toContain("render at 1");
    expect(await (await fetch(base)).text()).toContain("render at 2");
    // A render asked for fresh (no-cache) skips the check and reads for itself.
    expect(await (await fetch(base, { headers: { "cache-control": "no-cache" } })).text()).toContain("render at 3");
    expect(reads).toBe(3);
    // A route is not in a scope: each of its reads asks anew.
    expect(await (await fetch(`${base}/api/anything`)).text()).toContain("render at 4 then 5");
    expect(reads).toBe(5);
  });
});
