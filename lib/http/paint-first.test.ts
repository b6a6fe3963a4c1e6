import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createScriptRewriter } from "./paint-first";
import { LOADER } from "./paint-first-loader";
import { portalRequestHandler } from "./portal-server";
import { createRateLimiter, memoryCounters } from "./rate-limit";

// The shape of a page as Next 16 streams it: async scripts and a low-priority preload in <head>,
// the polyfills for old browsers, the inline data pushes, and one more async script in the body.
const page = [
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><style data-precedence="next">body{color:red}</style>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/30getrsh8qyka.js"/>',
  '<script src="/_next/static/chunks/17fms_jsrb1ne.js" async=""></script>',
  '<script src="/_next/static/chunks/turbopack-077hmtqrhcoji.js" async=""></script>',
  '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>',
  "<title>Dashboard · Byzantine DV Portal</title></head><body><main>Clusters – 3 · “all”</main>",
  '<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]});</script>',
  '<script src="/_next/static/chunks/30getrsh8qyka.js" async=""></script>',
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"0:{}"])</script>',
  "</body></html>",
].join("");
const scripts = ["/_next/static/chunks/17fms_jsrb1ne.js", "/_next/static/chunks/turbopack-077hmtqrhcoji.js", "/_next/static/chunks/30getrsh8qyka.js"];
const call = (src: string) => `<script>self.__portalScript(${JSON.stringify(src)})</script>`;

function rewriteAll(chunks: (Buffer | string)[]): string {
  const rewriter = createScriptRewriter();
  return Buffer.concat([...chunks.map((chunk) => rewriter.push(Buffer.from(chunk))), rewriter.end()]).toString();
}

describe("scripts after the first paint", () => {
  it("turns each of Next's async scripts into a queued call, drops their preloads, and leaves the rest as it was", () => {
    const html = rewriteAll([page]);
    expect(html).not.toMatch(/<script src="\/_next\/static\/[^"]+" async="">/);
    expect(html).not.toContain('rel="preload" as="script"');
    // The loader comes once, before the first call; the calls keep the order of the tags.
    expect(html.split(LOADER)).toHaveLength(2);
    expect(html.indexOf(LOADER)).toBeLessThan(html.indexOf(call(scripts[0])));
    expect(scripts.map((src) => html.indexOf(call(src)))).toEqual(scripts.map((src) => html.indexOf(call(src))).sort((a, b) => a - b));
    // Undo the rewriting: what is left is the page without its script tags and preload.
    const undone = html.replace(`<script>${LOADER}</script>`, "").replaceAll(/<script>self\.__portalScript\("[^"]+"\)<\/script>/g, "");
    const withoutTags = page.replace(/<script src="\/_next\/static\/[^"]+" async=""><\/script>|<link rel="preload" as="script"[^>]*\/>/g, "");
    expect(undone).toBe(withoutTags);
    expect(undone).toContain('noModule=""></script>');
  });

  it("gives the same page however the stream is cut, inside a tag or inside a UTF-8 character", () => {
    const whole = rewriteAll([page]);
    const bytes = Buffer.from(page);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(rewriteAll([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at byte ${cut}`).toBe(whole);
    }
    // Three pieces, cut inside two tags at once.
    const a = page.indexOf("turbopack-") + 3;
    const b = page.indexOf('id="_R_"') + 2;
    expect(rewriteAll([page.slice(0, a), page.slice(a, b), page.slice(b)])).toBe(whole);
  });

  it("holds back no more than an unfinished tag: the text before it is passed on at once", () => {
    const rewriter = createScriptRewriter();
    const cut = page.indexOf("<main>") + "<main>Clus".length;
    const push = (text: string) => rewriter.push(Buffer.from(text)).toString();
    const head = push(page.slice(0, cut));
    expect(head.endsWith("<main>Clus")).toBe(true);
    expect(push('<p>x</p><script src="/_next/static/chunks/a.js" asy')).toBe("<p>x</p>");
    expect(push('nc=""></script><p>y</p>')).toBe(`${call("/_next/static/chunks/a.js")}<p>y</p>`);
    // A stream cut off inside a tag ends with the tag as it came.
    const cutOff = createScriptRewriter();
    expect(Buffer.concat([cutOff.push(Buffer.from('<p>z</p><script src="/_next/static/chunks/b.js" as')), cutOff.end()]).toString()).toBe(
      '<p>z</p><script src="/_next/static/chunks/b.js" as',
    );
    // A chunk with no tag of Next's is handed on as it came.
    const data = Buffer.from('<script>self.__next_f.push([1,"x"])</script>');
    expect(rewriter.push(data)).toBe(data);
  });
});

describe("scripts after the first paint, in the portal server", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  async function serve(dev: boolean, next: (request: IncomingMessage, response: ServerResponse) => Promise<void>) {
    const handle = portalRequestHandler({
      dev,
      trustedProxyHeaders: [],
      limiter: createRateLimiter({ store: memoryCounters(), limits: { write: 60, read: 600 } }),
      next,
    });
    const server = createServer((request, response) => void handle(request, response));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const htmlWithLength = async (_request: IncomingMessage, response: ServerResponse) => {
    // A prerendered page comes with its length, which the rewriting changes.
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": String(Buffer.byteLength(page)) });
    response.end(page);
  };

  it.each(["identity", "br", "gzip"])("rewrites a page in production, its length included (%s)", async (encoding) => {
    const base = await serve(false, htmlWithLength);
    const response = await fetch(base, { headers: { "accept-encoding": encoding } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toBe(rewriteAll([page]));
    for (const src of scripts) expect(html).toContain(call(src));
  });

  it("leaves other answers byte for byte, and development pages as Next wrote them", async () => {
    const script = `self.x='<script src="/_next/static/chunks/a.js" async=""></script>';`;
    const js = await serve(false, async (_request, response) => {
      response.writeHead(200, { "content-type": "application/javascript", "content-length": String(script.length) });
      response.end(script);
    });
    expect(await (await fetch(js)).text()).toBe(script);
    const dev = await serve(true, htmlWithLength);
    expect(await (await fetch(dev, { headers: { "accept-encoding": "identity" } })).text()).toBe(page);
  });
});
