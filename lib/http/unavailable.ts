import { HttpRequestError, LimitExceededRpcError, TimeoutError } from "viem";
import { HttpError, jsonError } from "./error";

/**
 * The chain node as a dependency: when it does not answer, requests that need it get a 503 with
 * Retry-After and a sentence, never a 500 (and never a 403 or 404 that would be wrong later).
 */

/** Seconds a client should wait before asking again: the node usually recovers or fails over by then. */
export const RETRY_AFTER_SECONDS = 10;

const retryAfter = { "retry-after": String(RETRY_AFTER_SECONDS) };

// Node.js and undici codes of a connection that failed or broke (refused, reset, timed out, DNS).
const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

function isNodeFailure(error: unknown): boolean {
  if (error instanceof HttpRequestError || error instanceof TimeoutError || error instanceof LimitExceededRpcError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && socketCodes.has(code);
}

/**
 * True when `error`, or any error in its cause chain, says the chain node did not answer (viem's
 * HttpRequestError, TimeoutError, a rate limit, a socket error), as opposed to an answer we did not like.
 */
export function isChainUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    if (e instanceof HttpError) return e.status === 503;
    if (isNodeFailure(e)) return true;
  }
  return false;
}

/** A 503 refusal for work that needs the chain node while it does not answer. */
export function chainUnavailable(sentence: string): HttpError {
  return new HttpError(503, `${sentence} Try again in ${RETRY_AFTER_SECONDS} seconds.`, undefined, retryAfter);
}

const defaultSentence = "The chain node is not answering, so this request cannot be answered now.";

/** The 503 answer for an error that came from the chain node not answering, or null for any other error. */
export function chainUnavailableResponse(error: unknown): Response | null {
  if (!isChainUnavailable(error)) return null;
  console.warn("chain node not answering:", error instanceof Error ? error.message.split("\n")[0] : error);
  return jsonError(503, `${defaultSentence} Try again in ${RETRY_AFTER_SECONDS} seconds.`, undefined, retryAfter);
}
