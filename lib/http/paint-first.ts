import type { ServerResponse } from "node:http";
import { StringDecoder } from "node:string_decoder";
import onHeaders from "on-headers";

/**
 * Paint first, then hydrate. Next puts its scripts in a page's <head> as async tags (and a preload
 * or two); when they arrive at once (a fast link, a cached visit), Chromium compiles and runs them
 * before it paints the server-rendered HTML, and the first paint waits for ~500 KiB of JavaScript
 * (measured: docs/decisions.md §Paint first). Here each such tag becomes a call that queues the
 * script, and a small loader adds the queued scripts once the browser reports the first paint as
 * shown (a paint timing entry; a requestAnimationFrame only says the frame started, and compiling
 * then still delays its display), after 1.5 s at the latest; a hidden tab, which paints nothing,
 * gets them at once. The scripts stay async, as Next emits them, so their order
 * does not change; only their start moves after the paint.
 */

/** Next's script tags and script preloads, as React writes them into the stream. */
const NEXT_SCRIPT = /<script src="(\/_next\/static\/[^"<>]+\.js)" async=""><\/script>|<link rel="preload" as="script"[^<>]*href="\/_next\/static\/[^"<>]+\.js"[^<>]*\/>/g;

/** The loader, inlined once before the first queued script (the portal's CSP allows inline scripts). */
export const LOADER = `(function(){var q=[],on=false;function add(u){var s=document.createElement("script");s.src=u;s.async=true;document.head.appendChild(s)}self.__portalScript=function(u){on?add(u):q.push(u)};function go(){if(!on){on=true;q.splice(0).forEach(add)}}if(document.visibilityState!=="visible")return go();setTimeout(go,1500);var P=self.PerformanceObserver;if(P&&P.supportedEntryTypes&&P.supportedEntryTypes.indexOf("paint")>=0)new P(function(l,o){o.disconnect();setTimeout(go,0)}).observe({type:"paint",buffered:true});else requestAnimationFrame(function(){requestAnimationFrame(go)})})()`;

/**
 * The rewriting of one HTML stream, chunk by chunk: a tag cut between two chunks is held until its
 * end arrives, and so is a UTF-8 character cut between two buffers.
 */
export function createScriptRewriter() {
  const decoder = new StringDecoder("utf8");
  let held = "";
  let loaderSent = false;
  const rewrite = (text: string) =>
    text.replace(NEXT_SCRIPT, (_tag, src: string | undefined) => {
      // A preload would start the download and compile early: the loader fetches the script itself.
      if (!src) return "";
      const call = `<script>self.__portalScript(${JSON.stringify(src)})</script>`;
      if (loaderSent) return call;
      loaderSent = true;
      return `<script>${LOADER}</script>${call}`;
    });
  /** Where the complete part of `text` ends: before an unfinished tag or an unclosed script tag. */
  const completeUpTo = (text: string) => {
    const open = text.lastIndexOf("<");
    let end = open >= 0 && !text.includes(">", open) ? open : text.length;
    const script = text.lastIndexOf("<script src=", end);
    if (script >= 0 && !text.includes("</script>", script)) end = script;
    return end;
  };
  return {
    push(chunk: Buffer | string): string {
      const text = held + (typeof chunk === "string" ? chunk : decoder.write(chunk));
      const end = completeUpTo(text);
      held = text.slice(end);
      return rewrite(text.slice(0, end));
    },
    end(): string {
      const text = held + decoder.end();
      held = "";
      return rewrite(text);
    },
  };
}

type Write = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;
type End = (chunk?: unknown, encoding?: unknown, callback?: unknown) => ServerResponse;

/**
 * Rewrites `response`'s body when it is HTML. Installed after the compression middleware, so it
 * sees the page as Next wrote it and hands the rewritten text on to be compressed.
 */
export function scriptsAfterFirstPaint(response: ServerResponse): void {
  let html: boolean | undefined;
  const isHtml = () => (html ??= /^text\/html\b/i.test(String(response.getHeader("content-type") ?? "")));
  onHeaders(response, () => {
    // The rewritten body has another length; chunked encoding carries it.
    if (isHtml()) response.removeHeader("content-length");
  });
  const rewriter = createScriptRewriter();
  const write = response.write.bind(response) as Write;
  const end = response.end.bind(response) as End;
  const textOf = (chunk: unknown, encoding: unknown) =>
    typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
  response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (chunk == null || !isHtml()) return write(chunk, encoding, callback);
    const done = typeof encoding === "function" ? encoding : callback;
    return write(rewriter.push(textOf(chunk, encoding)), "utf8", done);
  }) as ServerResponse["write"];
  response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (typeof chunk === "function") return end(chunk);
    if (!isHtml()) return end(chunk, encoding, callback);
    const done = typeof encoding === "function" ? encoding : callback;
    const rest = (chunk == null ? "" : rewriter.push(textOf(chunk, encoding))) + rewriter.end();
    return end(rest, "utf8", done);
  }) as ServerResponse["end"];
}
