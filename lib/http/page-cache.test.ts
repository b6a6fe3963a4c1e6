// The page cache on a real HTTP server on a free port. Next is replaced by a handler that writes
// a page numbered by how many times it rendered, so a test sees which answers were rendered.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import compression from "compression";
import { afterEach, describe, expect, it } from "vitest";
import { createPageCache } from "./page-cache";

const compress = compression() as unknown as (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

type Page = { status?: number; type?: string; cookie?: string; body?: string };

/** A server whose "Next" renders `page(url)`; `state` is the page cache's state, changed by the test. */
async function start(options: { page?: (url: string) => Page; maxAgeMs?: number; maxPageBytes?: number; stateWaitMs?: number; compressed?: boolean } = {}) {
  const control = { state: "block-1:0" as string | null | Error | "hung", renders: 0, stateReads: 0 };
  const cache = createPageCache({
    state: async () => {
      control.stateReads++;
      if (control.state instanceof Error) throw control.state;
      if (control.state === "hung") return new Promise<never>(() => {});
      return control.state;
    },
    maxAgeMs: options.maxAgeMs,
    maxPageBytes: options.maxPageBytes,
    stateWaitMs: options.stateWaitMs,
  });
  const render = async (request: IncomingMessage, response: ServerResponse) => {
    control.renders++;
    // As the portal server does: compression wraps the response inside the cache.
    if (options.compressed) await new Promise<void>((resolve) => compress(request, response, resolve));
    const page = options.page?.(request.url ?? "/") ?? {};
    response.setHeader("content-type", page.type ?? "text/html; charset=utf-8");
    if (page.cookie) response.setHeader("set-cookie", page.cookie);
    response.statusCode = page.status ?? 200;
    // Streamed in parts, as Next writes a page.
    response.write(`<!DOCTYPE html><main>render ${control.renders}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    response.end(`${page.body ?? ""} for ${request.headers["x-forwarded-host"] ?? request.headers.host}</main>`);
  };
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    void cache(request, response, path, () => render(request, response));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(base + path, { headers });
    return { status: response.status, type: response.headers.get("content-type"), source: response.headers.get("x-portal-page"), text: await response.text() };
  };
  return { control, get, base };
}

describe("page cache", () => {
  it("renders a visitor's page once per state and serves it as kept, headers and all, until the state moves or the visitor asks for a fresh one", async () => {
    const { control, get } = await start();
    const first = await get("/clusters/0xabc");
    expect(first).toEqual({ status: 200, type: "text/html; charset=utf-8", source: "rendered", text: expect.stringContaining("render 1") });
    expect(await get("/clusters/0xabc")).toEqual({ ...first, source: "kept" });
    expect(await get("/clusters/0xabc")).toEqual({ ...first, source: "kept" });
    expect(control.renders).toBe(1);
    // Another URL, or the same with another query, is another page.
    expect((await get("/clusters/0xabc?tab=exit")).text).toContain("render 2");
    // A new block or a write to the store: rendered again, then kept again.
    control.state = "block-2:0";
    expect((await get("/clusters/0xabc")).text).toContain("render 3");
    expect((await get("/clusters/0xabc")).text).toContain("render 3");
    control.state = "block-2:1";
    expect((await get("/clusters/0xabc")).text).toContain("render 4");
    // A hard reload asks for a fresh page (HTTP's no-cache): rendered without reading the state.
    const asked = control.stateReads;
    expect((await get("/clusters/0xabc", { "cache-control": "no-cache" })).text).toContain("render 5");
    expect((await get("/clusters/0xabc", { pragma: "no-cache" })).text).toContain("render 6");
    expect(control.stateReads).toBe(asked);
    // A reload (max-age=0) is served as kept.
    expect((await get("/clusters/0xabc", { "cache-control": "max-age=0" })).text).toContain("render 4");
  });

  it("keeps an operator's page per wallet cookie: the same wallet gets it as kept, another wallet or a visitor never does", async () => {
    const { control, get } = await start();
    const alice = { cookie: 'theme=dark; wagmi.store={"state":{"current":"a"}}' };
    const bob = { cookie: 'wagmi.store={"state":{"current":"b"}}' };
    const first = await get("/", alice);
    expect(first).toMatchObject({ source: "rendered", text: expect.stringContaining("render 1") });
    expect(await get("/", alice)).toEqual({ ...first, source: "kept" });
    expect((await get("/", bob)).text).toContain("render 2");
    expect((await get("/")).text).toContain("render 3");
    expect((await get("/", { cookie: "theme=dark" })).text).toContain("render 3");
    expect((await get("/", bob)).text).toContain("render 2");
    // The wallet cookie twice, which parsers may read either way: its page is filed under that
    // header, never under one of the two wallets.
    expect((await get("/", { cookie: 'x=1;wagmi.store={"state":{"current":"a"}}; wagmi.store={"state":{"current":"b"}}' })).text).toContain("render 4");
    expect((await get("/", { cookie: 'wagmi.store={"state":{"current":"a"}}' })).text).toContain("render 5");
    expect((await get("/", bob)).text).toContain("render 2");
    // A new block or a write to the store: the operator's page is rendered again.
    control.state = "block-2:0";
    expect((await get("/", alice)).text).toContain("render 6");
    expect(control.renders).toBe(6);
  });

  it("always renders Next's router and action requests, files and routes, and keeps none of them", async () => {
    const { control, get } = await start();
    const asked: [string, Record<string, string>][] = [
      ["/", { rsc: "1" }],
      ["/", { "next-router-prefetch": "1" }],
      ["/", { "next-action": "abc" }],
      ["/robots.txt", {}],
      ["/api/clusters", {}],
      ["/_next/static/chunks/a.js", {}],
    ];
    for (const [path, headers] of asked) {
      const before = control.renders;
      await get(path, headers);
      expect((await get(path, headers)).source).toBeNull();
      expect(control.renders, `${path} ${JSON.stringify(headers)}`).toBe(before + 2);
    }
    // None of those answers was kept for a visitor either.
    const rendered = control.renders;
    expect((await get("/")).text).toContain(`render ${rendered + 1}`);
    // Another cookie is not a wallet: the visitor's page, as kept.
    expect((await get("/", { cookie: "theme=dark" })).text).toContain(`render ${rendered + 1}`);
  });

  it("keeps nothing while the state cannot be told: the chain node is behind or down, reading it failed, or it hangs", async () => {
    const { control, get } = await start({ stateWaitMs: 50 });
    for (const state of [null, new Error("database closed"), "hung" as const]) {
      control.state = state;
      const before = control.renders;
      await get("/auction");
      await get("/auction");
      expect(control.renders).toBe(before + 2);
    }
    control.state = "block-3:0";
    await get("/auction");
    await get("/auction");
    expect(control.renders).toBe(7);
  });

  it.each([
    ["as Next wrote it", false],
    ["compressed", true],
  ])("keeps only a whole 200 page that sets no cookie, and none in which React gave up a part on the server (%s)", async (_, compressed) => {
    const pages: Record<string, Page> = {
      "/missing": { status: 404 },
      "/json": { type: "application/json" },
      "/cookie": { cookie: "session=1" },
      "/gave-up-in-shell": { body: "<!--$!--><template data-dgst='x'></template><!--/$-->" },
      "/gave-up-later": { body: '<script>$RX("B:0","x")</script>' },
      // Random text: as big compressed as not.
      "/big": { body: randomBytes(4096).toString("base64") },
    };
    const { control, get } = await start({ page: (url) => pages[url] ?? {}, maxPageBytes: 2048, compressed });
    for (const path of Object.keys(pages)) {
      const before = control.renders;
      await get(path);
      await get(path);
      expect(control.renders, path).toBe(before + 2);
    }
    await get("/ok");
    await get("/ok");
    expect(control.renders).toBe(Object.keys(pages).length * 2 + 1);
  });

  it("keeps a page per origin it was reached at (its links carry it), and for a limited time", async () => {
    const { control, get } = await start({ maxAgeMs: 150 });
    expect((await get("/", { "x-forwarded-host": "a.example" })).text).toContain("render 1 for a.example");
    expect((await get("/", { "x-forwarded-host": "b.example" })).text).toContain("render 2 for b.example");
    expect((await get("/", { "x-forwarded-host": "a.example" })).text).toContain("render 1 for a.example");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await get("/", { "x-forwarded-host": "a.example" })).text).toContain("render 3 for a.example");
    expect(control.renders).toBe(3);
  });

  it("keeps a page per set of encodings the client accepts: differently worded headers share it, and nobody gets an encoding they did not accept", async () => {
    const { control, base } = await start({ compressed: true });
    const get = async (acceptEncoding: string) => {
      const response = await fetch(`${base}/`, { headers: { "accept-encoding": acceptEncoding } });
      const text = await response.text();
      return { source: response.headers.get("x-portal-page"), encoding: response.headers.get("content-encoding") ?? "identity", render: /render (\d+)/.exec(text)?.[1] };
    };
    // Chromium's and Safari's wording, and another order: one render, in brotli.
    expect(await get("gzip, deflate, br, zstd")).toEqual({ source: "rendered", encoding: "br", render: "1" });
    expect(await get("gzip, deflate, br")).toEqual({ source: "kept", encoding: "br", render: "1" });
    expect(await get("br, deflate, gzip;q=0.9")).toEqual({ source: "kept", encoding: "br", render: "1" });
    // A client without brotli gets its own page, in gzip; one that names no encoding, its own.
    expect(await get("gzip")).toEqual({ source: "rendered", encoding: "gzip", render: "2" });
    expect(await get("gzip;q=1.0, identity")).toEqual({ source: "kept", encoding: "gzip", render: "2" });
    expect(await get("br;q=0, gzip, deflate")).toEqual({ source: "rendered", encoding: "gzip", render: "3" });
    expect(await get("identity")).toEqual({ source: "rendered", encoding: "identity", render: "4" });
    expect(await get("identity")).toEqual({ source: "kept", encoding: "identity", render: "4" });
    // A client that accepts none of them is answered as the compression answers it, and nothing is kept.
    expect(await get("identity;q=0")).toMatchObject({ source: "rendered", render: "5" });
    expect(await get("identity;q=0")).toMatchObject({ source: "rendered", render: "6" });
    expect(control.renders).toBe(6);
  });
});
