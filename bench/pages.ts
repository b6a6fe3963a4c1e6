/**
 * `npm run bench -- --pages [--json] [--runs N] [--skip-build]`: what a browser downloads and how
 * soon it paints. Builds the portal for production, serves it on a seeded devnet, and loads `/`, a
 * cluster page, `/auction` and `/verify` in Chromium (Debian's, through playwright-core), each in a
 * fresh browser context (empty cache) N times: the JavaScript files fetched, their compressed
 * (on the wire) and decoded bytes, and first and largest contentful paint as ratios to a static
 * file's first paint (robots.txt) in the same run. `connected` loads `/` with the cookie a
 * connected wallet leaves, so the wallet stack loads at once (the page is kept for that cookie
 * after its first load, as for an operator reloading). The loads go round by round (the static file, then each
 * page), so a slower moment of the machine weighs on all of them alike; a paint time is the median
 * of its N loads (one load in four or five takes twice as long, on the static file too), the
 * byte counts are means. Nothing is asserted.
 *
 * `fcpRatioToCopy` sets each page's first paint against a static copy of the page itself: its
 * final document (the HTML once the browser has run the scripts and revealed every part, every
 * script then removed, so HTML and inline CSS are left) served by a bare Node server. robots.txt
 * says what the whole page costs; the copy, what the portal (its server and its scripts) adds to
 * what the page shows. `keptShare` is the share of a page's loads the portal answered with a page
 * it kept rather than rendered (the chain and the store did not move between them).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import type { Browser, BrowserContext, Request } from "playwright-core";
import { seededOperators } from "@/devnet/accounts";
import { freePort, startAnvil } from "@/devnet/anvil";
import { deployDevnet } from "@/devnet/deploy";
import { devnetPortalEnv } from "@/devnet/portal-env";
import { seedDevnet } from "@/devnet/seed";
import { connectWallet, launchChromium } from "@/e2e/harness";
import { testWalletScript } from "@/e2e/test-wallet";
import { buildPortal, startPortal } from "./server";
import { mean, median } from "./stats";

/** `kept`: 1 when the portal answered with a page it kept (lib/http/page-cache.ts), else 0; a share once summarised. */
type Load = { jsRequests: number; jsCompressedBytes: number; jsDecodedBytes: number; fcp: number; lcp: number; kept: number };
/**
 * What the JSON line prints for a page: its bytes, and its paints against the static file's: the
 * first with content, and the largest (the page's main content, once React has revealed it); and
 * its first paint against its own static copy's.
 */
type PageLoad = Omit<Load, "fcp" | "lcp" | "kept"> & { keptShare: number; fcpRatio: number; lcpRatio: number; fcpRatioToCopy: number };

type Target = { url: string; setup?: (context: BrowserContext) => Promise<void> };

const viewport = { width: 1280, height: 900 };

/** One load of `url` in `context`: every script response counted once it has finished. */
async function load(context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage();
  const scripts: Request[] = [];
  const onFinished = (request: Request) => {
    if (request.resourceType() === "script") scripts.push(request);
  };
  page.on("requestfinished", onFinished);
  const response = await page.goto(url, { waitUntil: "load" });
  // Scripts fetched after hydration (import() of a route's chunks) count too.
  await page.waitForLoadState("networkidle");
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const entry = performance.getEntriesByName("first-contentful-paint")[0];
        if (entry) return resolve(entry.startTime);
        new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({ type: "paint", buffered: true });
      }),
  );
  // The last largest-contentful-paint candidate so far: the page is loaded and the network idle.
  const lcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        new PerformanceObserver((list) => resolve(list.getEntries().at(-1)!.startTime)).observe({ type: "largest-contentful-paint", buffered: true }),
      ),
  );
  page.off("requestfinished", onFinished);
  const sizes = await Promise.all(
    scripts.map(async (request) => {
      const [sizes, body] = await Promise.all([request.sizes(), request.response().then((r) => r?.body())]);
      return { compressed: sizes.responseBodySize, decoded: body?.length ?? 0 };
    }),
  );
  await page.close();
  return {
    jsRequests: sizes.length,
    jsCompressedBytes: sizes.reduce((n, s) => n + s.compressed, 0),
    jsDecodedBytes: sizes.reduce((n, s) => n + s.decoded, 0),
    fcp,
    lcp,
    kept: response?.headers()["x-portal-page"] === "kept" ? 1 : 0,
  };
}

function summarise(loads: Load[]): Load {
  return {
    jsRequests: Number(mean(loads.map((l) => l.jsRequests)).toFixed(1)),
    jsCompressedBytes: Math.round(mean(loads.map((l) => l.jsCompressedBytes))),
    jsDecodedBytes: Math.round(mean(loads.map((l) => l.jsDecodedBytes))),
    fcp: median(loads.map((l) => l.fcp)),
    lcp: median(loads.map((l) => l.lcp)),
    kept: Number(mean(loads.map((l) => l.kept)).toFixed(2)),
  };
}

/** The page at `target` as a static file: its document once loaded and idle, without its scripts. */
async function finalDocument(browser: Browser, { url, setup }: Target): Promise<string> {
  const context = await browser.newContext({ viewport });
  await setup?.(context);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  const html = await page.evaluate(() => {
    for (const element of document.querySelectorAll('script, link[as="script"], link[rel="modulepreload"]')) element.remove();
    return `<!DOCTYPE html>${document.documentElement.outerHTML}`;
  });
  await context.close();
  return html;
}

/** A bare Node server answering `/<name>` with that copy, as a static file server would. */
async function serveCopies(copies: Record<string, string>): Promise<{ url: (name: string) => string; close: () => void }> {
  const bodies = new Map(Object.entries(copies).map(([name, html]) => [`/${encodeURIComponent(name)}`, Buffer.from(html)]));
  const server = createServer((request, response) => {
    const body = bodies.get(request.url ?? "");
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`, close: () => server.close() };
}

/** `runs` rounds, each loading every target once in a fresh context; the loads of each target. */
async function measureRounds(browser: Browser, targets: Record<string, Target>, runs: number): Promise<Record<string, Load>> {
  const loads: Record<string, Load[]> = {};
  for (let i = 0; i < runs; i++) {
    for (const [name, { url, setup }] of Object.entries(targets)) {
      const context = await browser.newContext({ viewport });
      await setup?.(context);
      (loads[name] ??= []).push(await load(context, url));
      await context.close();
    }
  }
  return Object.fromEntries(Object.entries(loads).map(([name, l]) => [name, summarise(l)]));
}

export async function benchPageWeight(options: { runs: number; build: boolean; json: boolean }) {
  await buildPortal(options.build);
  const anvil = await startAnvil();
  const dbDir = await mkdtemp(join(tmpdir(), "portal-bench-pages-"));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let copies: Awaited<ReturnType<typeof serveCopies>> | undefined;
  try {
    const deployment = await deployDevnet(anvil.rpcUrl);
    await seedDevnet(anvil.rpcUrl, deployment);
    // The watcher runs, as where the portal is deployed: its rounds must leave kept pages kept (`keptShare`).
    const portal = await startPortal(await freePort(), { ...devnetPortalEnv(anvil.rpcUrl, deployment, dbDir), PUBLIC_RPC_URL: anvil.rpcUrl, WATCHER: "inline" });
    server = portal.child;
    const base = portal.url;
    const global = (await (await fetch(`${base}/api/clusters?view=global`)).json()) as { rows: { configHash: string }[] };
    browser = await launchChromium();

    // A connected wallet's cookie, left by connecting the injected test wallet as a person would.
    const wallet = testWalletScript({ rpcUrl: anvil.rpcUrl, account: seededOperators[0].address, chainId: deployment.chainId });
    const connecting = await browser.newContext();
    await connecting.addInitScript(wallet);
    const connectPage = await connecting.newPage();
    await connectPage.goto(base);
    await connectWallet(connectPage);
    const cookies = await connecting.cookies();
    await connecting.close();

    const paths: Record<string, string> = {
      "/": "/",
      "/clusters/[configHash]": `/clusters/${global.rows[0].configHash}`,
      "/auction": "/auction",
      "/verify": "/verify",
    };
    // Warm the server's caches so the figures are the browser's, not the first render's: each
    // page is then kept for visitors (lib/http/page-cache.ts) until the chain or the store moves.
    for (const path of Object.values(paths)) await fetch(base + path);

    const connectedCookie = async (context: BrowserContext) => {
      await context.addInitScript(wallet);
      await context.addCookies(cookies);
    };
    const targets: Record<string, Target> = {
      ...Object.fromEntries(Object.entries(paths).map(([name, path]) => [name, { url: base + path }])),
      connected: { url: `${base}/`, setup: connectedCookie },
    };
    const documents: Record<string, string> = {};
    for (const [name, target] of Object.entries(targets)) documents[name] = await finalDocument(browser, target);
    const served = await serveCopies(documents);
    copies = served;
    const measured = await measureRounds(
      browser,
      {
        static: { url: `${base}/robots.txt` },
        ...targets,
        ...Object.fromEntries(Object.keys(targets).map((name) => [`copy ${name}`, { url: served.url(name) }])),
      },
      options.runs,
    );
    const staticFile = measured.static;
    const ratio = (ms: number, to = staticFile.fcp) => Number((ms / to).toFixed(2));
    const figures = (name: string): PageLoad => {
      const { fcp, lcp, kept, ...bytes } = measured[name];
      return { ...bytes, keptShare: kept, fcpRatio: ratio(fcp), lcpRatio: ratio(lcp), fcpRatioToCopy: ratio(fcp, measured[`copy ${name}`].fcp) };
    };
    const pages = Object.fromEntries(Object.keys(paths).map((name) => [name, figures(name)]));
    const connected = { "/": figures("connected") };

    const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    console.log(`\nPage weight over ${options.runs} loads each: bytes are means, paint the median (static file FCP ${staticFile.fcp.toFixed(0)} ms)`);
    console.log("page".padEnd(30), "JS files".padStart(8), "compressed".padStart(11), "decoded".padStart(10), "FCP ratio".padStart(10), "LCP ratio".padStart(10), "FCP/copy".padStart(9), "kept".padStart(5));
    const rows: [string, PageLoad][] = [...Object.entries(pages), ["/ (wallet connected)", connected["/"]]];
    for (const [name, f] of rows) {
      const cells = [kib(f.jsCompressedBytes).padStart(11), kib(f.jsDecodedBytes).padStart(10), `${f.fcpRatio}x`.padStart(10), `${f.lcpRatio}x`.padStart(10), `${f.fcpRatioToCopy}x`.padStart(9), `${Math.round(f.keptShare * 100)}%`.padStart(5)];
      console.log(name.padEnd(30), f.jsRequests.toFixed(1).padStart(8), ...cells);
    }
    if (options.json) console.log(JSON.stringify({ pages, connected }));
  } finally {
    copies?.close();
    await browser?.close().catch(() => undefined);
    server?.kill("SIGTERM");
    await anvil.stop();
    await rm(dbDir, { recursive: true, force: true });
  }
}
