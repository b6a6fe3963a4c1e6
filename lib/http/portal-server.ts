import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { constants } from "node:zlib";
import compression from "compression";
import { answerWithFastRoute, fastRoute } from "./fast-routes";
import { createPageCache, type PageState } from "./page-cache";
import { scriptsAfterFirstPaint } from "./paint-first";
import { sanitiseProxyHeaders } from "./proxy-headers";
import { requestKind, type RateLimiter } from "./rate-limit";
import { securityHeaders } from "./security-headers";

/**
 * What the portal's server (server.ts) does with each request before Next sees it: security
 * headers on the answer, a 400 for a path Next cannot decode, untrusted proxy headers removed,
 * and the client's rate limit. Pages and route handlers alike read the chain, so every request
 * counts except Next's own assets. Every answer, the fast routes' too, is compressed here, not by
 * Next (next.config.mjs: compress false): Next's compression held a streamed page until its end,
 * so a browser painted nothing before the slowest part had arrived; here every chunk is flushed.
 * In production a page's scripts start after its first paint (./paint-first.ts), and a page a
 * visitor sees is rendered once per state of the chain and the store (./page-cache.ts).
 */

export type PortalServerOptions = {
  dev: boolean;
  trustedProxyHeaders: readonly string[];
  publicRpcUrl?: string;
  walletConnect?: boolean;
  limiter: RateLimiter;
  /**
   * What the pages a visitor sees follow from (./page-cache.ts); each page is then rendered once
   * per state and served as kept. Without it, or in development, every request is rendered.
   */
  pageState?: PageState;
  /** Next's request handler. */
  next: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** Where unexpected failures are reported (already redacted by server.ts). */
  log?: (message: string, error: unknown) => void;
};

function sendJson(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify({ message }));
}

/** Whether Next could decode the path; it answers 500 for malformed percent-encoding such as %ff. */
function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export function portalRequestHandler({ dev, trustedProxyHeaders, publicRpcUrl, walletConnect, limiter, pageState, next, log = console.error }: PortalServerOptions) {
  const headersFor = (https: boolean) => securityHeaders({ dev, https, publicRpcUrl, walletConnect });
  // Connect middleware: it uses only what Node's request and response have (its types say Express's).
  // Brotli (what browsers get) takes its own flush mode; quality 5 is ~7% smaller than quality 4 or
  // gzip on the portal's scripts for the same CPU (measured on the built chunks).
  const compress = compression({
    flush: constants.Z_SYNC_FLUSH,
    brotli: { flush: constants.BROTLI_OPERATION_FLUSH, params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  }) as unknown as (
    request: IncomingMessage,
    response: ServerResponse,
    next: () => void,
  ) => void;
  const pages = !dev && pageState ? createPageCache({ state: pageState }) : undefined;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const client = sanitiseProxyHeaders(request.headers, request.socket.remoteAddress, trustedProxyHeaders);
      const https = (request.socket as TLSSocket).encrypted === true || request.headers["x-forwarded-proto"] === "https";
      for (const [name, value] of Object.entries(headersFor(https))) response.setHeader(name, value);

      const path = (request.url ?? "/").split("?")[0];
      if (!decodable(path)) {
        return sendJson(response, 400, "The URL's path is not valid percent-encoding (each % must start a UTF-8 byte such as %2F).");
      }
      if (!path.startsWith("/_next/")) {
        const refusal = await limiter(client, requestKind(request.method));
        if (refusal) return sendJson(response, 429, refusal.message, { "Retry-After": String(refusal.retryAfterSeconds) });
      }
      const fast = !dev && request.method === "GET" ? fastRoute(path) : undefined;
      const answer = async () => {
        await new Promise<void>((resolve) => compress(request, response, resolve));
        // After compression: the rewriting sees the page as Next wrote it. Next's development
        // scripts (refresh, error overlay) load as Next places them.
        if (!dev) scriptsAfterFirstPaint(response);
        if (fast) return answerWithFastRoute(fast, request, response);
        return next(request, response);
      };
      // Around the compression: a page is kept as it went out, and a kept one is sent as it is.
      if (pages && !fast) return await pages(request, response, path, answer);
      await answer();
    } catch (error) {
      log("request failed", error);
      if (!response.headersSent) sendJson(response, 500, "The server failed to handle this request; it has been logged. Try again later.");
      else response.end();
    }
  };
}
