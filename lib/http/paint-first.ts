import type { ServerResponse } from "node:http";
import onHeaders from "on-headers";
import { LOADER } from "./paint-first-loader";
import { bytesOf, isHtml, type End, type Write } from "./response-chunks";

/**
 * Paint first, then hydrate. Next puts its scripts in a page's <head> as async tags (and a preload
 * or two); when they arrive at once (a fast link, a cached visit), Chromium compiles and runs them
 * before it paints the server-rendered HTML, and the first paint waits for ~500 KiB of JavaScript
 * (measured: docs/decisions.md, "Paint first"). Here each such tag becomes a call that queues the
 * script, for the loader (./paint-first-loader) to start once the first paint has been shown.
 */

/** Next's script tags and script preloads, as React writes them into the stream. */
const SCRIPT_TAG = /^<script src="(\/_next\/static\/[^"<>]+\.js)" async=""><\/script>$/;
const PRELOAD_TAG = /^<link rel="preload" as="script"[^<>]*href="\/_next\/static\/[^"<>]+\.js"[^<>]*\/>$/;
const SCRIPT_START = Buffer.from('<script src="/_next/static/');
const PRELOAD_START = Buffer.from('<link rel="preload" as="script"');
const SCRIPT_END = Buffer.from("</script>");

/**
 * The rewriting of one HTML stream, chunk by chunk, on bytes: the tags are ASCII, and a chunk
 * without one passes as it came (a page's data chunks are most of its bytes). A tag cut between
 * two chunks is held until its end arrives.
 */
export function createScriptRewriter() {
  let held: Buffer = Buffer.alloc(0);
  let loaderSent = false;
  const call = (src: string) => {
    const tag = `<script>self.__portalScript(${JSON.stringify(src)})</script>`;
    if (loaderSent) return tag;
    loaderSent = true;
    return `<script>${LOADER}</script>${tag}`;
  };
  const rewrite = (data: Buffer): Buffer => {
    const parts: Buffer[] = [];
    let from = 0;
    for (;;) {
      const script = data.indexOf(SCRIPT_START, from);
      const preload = data.indexOf(PRELOAD_START, from);
      const at = script < 0 ? preload : preload < 0 ? script : Math.min(script, preload);
      if (at < 0) break;
      const close = at === script ? data.indexOf(SCRIPT_END, at) : data.indexOf(">", at);
      // Only a stream that ends inside a tag leaves one open: the rest passes as it is.
      if (close < 0) break;
      const end = close + (at === script ? SCRIPT_END.length : 1);
      const tag = data.toString("latin1", at, end);
      const src = SCRIPT_TAG.exec(tag)?.[1];
      // A preload would start the download and compile early: the loader fetches the script itself.
      const replacement = src ? call(src) : PRELOAD_TAG.test(tag) ? "" : undefined;
      parts.push(replacement === undefined ? data.subarray(from, end) : Buffer.concat([data.subarray(from, at), Buffer.from(replacement)]));
      from = end;
    }
    if (from === 0) return data;
    parts.push(data.subarray(from));
    return Buffer.concat(parts);
  };
  /** Where the complete part of `data` ends: before an unfinished tag or an unclosed script tag. */
  const completeUpTo = (data: Buffer) => {
    const open = data.lastIndexOf("<");
    let end = open >= 0 && data.indexOf(">", open) < 0 ? open : data.length;
    const script = end > 0 ? data.lastIndexOf("<script src=", end - 1) : -1;
    if (script >= 0 && data.indexOf(SCRIPT_END, script) < 0) end = script;
    return end;
  };
  return {
    push(chunk: Buffer): Buffer {
      const data = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
      const end = completeUpTo(data);
      // A copy: the writer may reuse the buffer it handed over.
      held = Buffer.from(data.subarray(end));
      return rewrite(end === data.length ? data : data.subarray(0, end));
    },
    end(): Buffer {
      const rest = held;
      held = Buffer.alloc(0);
      return rewrite(rest);
    },
  };
}

/**
 * Rewrites `response`'s body when it is HTML. Installed after the compression middleware, so it
 * sees the page as Next wrote it and hands the rewritten text on to be compressed.
 */
export function scriptsAfterFirstPaint(response: ServerResponse): void {
  let html: boolean | undefined;
  const page = () => (html ??= isHtml(response));
  onHeaders(response, () => {
    // The rewritten body has another length; chunked encoding carries it.
    if (page()) response.removeHeader("content-length");
  });
  const rewriter = createScriptRewriter();
  const write = response.write.bind(response) as Write;
  const end = response.end.bind(response) as End;
  response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (chunk == null || !page()) return write(chunk, encoding, callback);
    const done = typeof encoding === "function" ? encoding : callback;
    return write(rewriter.push(bytesOf(chunk, encoding)), done);
  }) as ServerResponse["write"];
  response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (typeof chunk === "function") return end(chunk);
    if (!page()) return end(chunk, encoding, callback);
    const done = typeof encoding === "function" ? encoding : callback;
    const last = chunk == null ? [] : [rewriter.push(bytesOf(chunk, encoding))];
    return end(Buffer.concat([...last, rewriter.end()]), done);
  }) as ServerResponse["end"];
}
