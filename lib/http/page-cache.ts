import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import Negotiator from "negotiator";
import { inRequestScope } from "@/lib/request-scope";
import { settleWithin } from "@/lib/settle-within";
import { walletCookie } from "@/lib/wallet-cookie";
import { bytesOf, isHtml, type End, type Write } from "./response-chunks";

/**
 * Pages kept for visitors and operators. A page is a function of its URL, of the wallet cookie (an
 * operator's pages show their account; a visitor has none) and of what the server knows: the
 * chain head its index reached and the writes to its store (lib/clusters/index-target.ts
 * `pageState`). So a page rendered once is served as it is to every visitor who asks for it
 * before either moves, and an operator's to whoever sends the same cookies (that operator,
 * reloading); a render costs ~20–40 ms of CPU, serving it well under 1 ms (README §Page weight: a
 * crowd on a shared link). What is kept is the answer as it went out (compressed, its scripts
 * rewritten), per set of encodings the client accepts, so a hit only copies bytes. Next's own requests
 * (router, server actions) are always rendered. Nothing is kept when the state is unknown (the
 * chain node is not answering, or several processes write to a shared PostgreSQL), nor any answer
 * but a 200 page without cookies. A page is kept a minute at most, for the one thing pages derive
 * from the clock: the current epoch (6.4 minutes long).
 */

/** `pageState()`'s value, or null when pages must not be kept. Registered by instrumentation.ts. */
export type PageState = () => Promise<string | null>;

const holder = globalThis as { portalPageState?: PageState };

export function registerPageState(state: PageState): void {
  holder.portalPageState = state;
}

/** The registered state; null (keep nothing) until instrumentation.ts has registered it. */
export const registeredPageState: PageState = () => holder.portalPageState?.() ?? Promise.resolve(null);

/** A 200 answer as it went out: its headers (Content-Encoding among them) and its body's bytes on the wire. */
type Kept = { state: string; headers: Record<string, number | string | string[]>; body: Buffer };

/** On a page while the state is known: "kept", or "rendered" for this request (as a CDN's X-Cache). */
const SOURCE = "x-portal-page";

/** Headers of how the bytes were sent (a kept page goes out whole, with its length), and the source. */
const sendingHeaders = ["content-length", "transfer-encoding", SOURCE];

/** A path with an extension is a file (robots.txt, icon.svg): Next serves those without rendering. */
const FILE = /\.[a-z0-9]+$/i;

/** How React marks a Suspense boundary it could not render on the server, in the HTML and in a later chunk. */
const GAVE_UP_BOUNDARY = "<!--$!-->";
const GAVE_UP_SCRIPT = "$RX(";

/** A kept answer's body as the browser reads it (once per render: ~1 ms for a 130 KiB page); undefined in an unknown encoding. */
function decoded(body: Buffer, encoding: string): Buffer | undefined {
  const decode = { identity: (b: Buffer) => b, br: brotliDecompressSync, gzip: gunzipSync, deflate: inflateSync }[encoding];
  try {
    return decode?.(body);
  } catch {
    return undefined;
  }
}

/** Whether `request` asks for a page (not a file, a route, or Next's data for its router or an action). */
function pageRequest(request: IncomingMessage, path: string): boolean {
  const h = request.headers;
  if (request.method !== "GET" || path.startsWith("/_next/") || path.startsWith("/api/") || FILE.test(path)) return false;
  // Next's router and server actions ask for the page's data (text/x-component), not the page.
  return h.rsc === undefined && h["next-action"] === undefined && h["next-router-prefetch"] === undefined;
}

/** The encodings server.ts's compression answers in (the `compression` package's list). */
const ENCODINGS = ["br", "gzip", "deflate", "identity"];

/**
 * Which of those `request` accepts, as a set: browsers that word Accept-Encoding differently
 * ("gzip, deflate, br, zstd", "gzip, deflate, br", "br, gzip") share one kept page. A page is kept
 * only when it went out in one of them, so whoever gets it as kept accepts its encoding.
 */
function acceptedEncodings(request: IncomingMessage): string[] {
  return new Negotiator(request).encodings(ENCODINGS).sort();
}

/**
 * What of `request`'s cookies its page depends on: nothing for a visitor; for an operator the whole
 * Cookie header, which wagmi parses the page's wallet state from (lib/wallet/connected-account.ts).
 * The header, not a value picked out of it here: a header crafted so that this and wagmi's parser
 * read different values (the same cookie twice) must not file one wallet's page under another's.
 */
function cookieKey(request: IncomingMessage): string {
  const cookie = request.headers.cookie ?? "";
  return cookie.includes(`${walletCookie}=`) ? cookie : "";
}

/**
 * Whether the client asks for a fresh answer (HTTP's `no-cache`: a hard reload, fetch's "no-store"
 * and "reload" modes): rendered as without this cache, without reading the state first, so it
 * costs the chain node what a render did (the benchmarks' render timings ask so).
 */
function revalidate(request: IncomingMessage): boolean {
  return /\bno-cache\b/i.test(`${request.headers["cache-control"] ?? ""} ${request.headers.pragma ?? ""}`);
}

export function createPageCache({
  state,
  maxAgeMs = 60_000,
  maxBytes = 32 * 1024 * 1024,
  maxPageBytes = 1024 * 1024,
  stateWaitMs = 500,
}: {
  state: PageState;
  maxAgeMs?: number;
  /** All kept pages, and one page, counted in bytes as sent (compressed). */
  maxBytes?: number;
  maxPageBytes?: number;
  /**
   * How long a request waits for the state before it is rendered without the cache. When the node
   * hangs, the render then joins the same index sync (it is shared) instead of waiting a second
   * RPC_TIMEOUT_MS of its own.
   */
  stateWaitMs?: number;
}) {
  const pages = new LRUCache<string, Kept>({ maxSize: maxBytes, sizeCalculation: (page) => page.body.length + 1024, ttl: maxAgeMs });

  /**
   * Answers a page request from a kept page, or has `render` answer it and keeps the page if it
   * may. `render` installs the compression and any rewriting on `response`: they wrap what is
   * installed here, so what is kept is what they hand on to the client, and a kept page skips them.
   */
  const keptOrRendered = async (request: IncomingMessage, response: ServerResponse, render: () => Promise<void>): Promise<void> => {
    const outcome = await settleWithin(state(), stateWaitMs);
    const now = "value" in outcome ? outcome.value : null;
    if (now === null) return render();
    // The cluster page writes links with the origin it was reached at; the bytes kept are in the
    // encoding the compression chose for what the client accepts; an operator's page is theirs.
    const h = request.headers;
    const accepted = acceptedEncodings(request);
    const key = [h.host, h["x-forwarded-host"], h["x-forwarded-proto"], accepted.join(","), request.url, cookieKey(request)].join(" ");
    const kept = pages.get(key);
    if (kept?.state === now) {
      for (const [name, value] of Object.entries(kept.headers)) response.setHeader(name, value);
      response.setHeader(SOURCE, "kept");
      response.setHeader("content-length", kept.body.length);
      response.writeHead(200);
      response.end(kept.body);
      return;
    }
    response.setHeader(SOURCE, "rendered");
    const chunks: Buffer[] = [];
    let size = 0;
    const take = (chunk: unknown, encoding: unknown) => {
      if (chunk == null || typeof chunk === "function" || size > maxPageBytes) return;
      // A copy: the writer may reuse the buffer it handed over.
      const bytes = Buffer.from(bytesOf(chunk, encoding));
      size += bytes.length;
      chunks.push(bytes);
    };
    const write = response.write.bind(response) as Write;
    const end = response.end.bind(response) as End;
    response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      take(chunk, encoding);
      return write(chunk, encoding, callback);
    }) as ServerResponse["write"];
    response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      take(chunk, encoding);
      if (response.statusCode === 200 && isHtml(response) && response.getHeader("set-cookie") === undefined && size <= maxPageBytes) {
        const body = Buffer.concat(chunks);
        const sentIn = String(response.getHeader("content-encoding") ?? "identity").toLowerCase();
        // A part React gave up on the server (an error there, left to the browser) is not kept.
        const text = accepted.includes(sentIn) ? decoded(body, sentIn) : undefined;
        if (text === undefined || text.includes(GAVE_UP_BOUNDARY) || text.includes(GAVE_UP_SCRIPT)) return end(chunk, encoding, callback);
        const headers = { ...response.getHeaders() } as Kept["headers"];
        for (const name of sendingHeaders) delete headers[name];
        pages.set(key, { state: now, headers, body });
      }
      return end(chunk, encoding, callback);
    }) as ServerResponse["end"];
    return render();
  };

  return async (request: IncomingMessage, response: ServerResponse, path: string, render: () => Promise<void>): Promise<void> => {
    if (!pageRequest(request, path) || revalidate(request)) return render();
    // One scope for the check and the render after it: a miss is rendered at the head the check
    // read (lib/request-scope.ts). Routes and Next's own requests read the chain as they always did.
    return inRequestScope(() => keptOrRendered(request, response, render));
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
