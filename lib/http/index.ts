import "server-only";
import { z } from "zod";
import { HttpError, jsonError } from "./error";
import { chainUnavailableResponse } from "./unavailable";

export { HttpError, jsonError } from "./error";

/**
 * Request handling shared by route handlers: every refusal is JSON `{ message, details? }` with a
 * sentence a person can act on; a zod failure is a 400 naming the fields; anything unexpected is
 * a logged 500 that leaks nothing.
 */

/** An error answer names at most this many problems, each cut to a sentence, whatever the input. */
export const MAX_LISTED_PROBLEMS = 20;
const MAX_PROBLEM_CHARS = 300;

/** At most MAX_LISTED_PROBLEMS of `items`, each at most a few hundred characters, and how many were left out. */
export function boundedList(items: readonly string[]): { listed: string[]; omitted: number } {
  const cut = (s: string) => (s.length > MAX_PROBLEM_CHARS ? `${s.slice(0, MAX_PROBLEM_CHARS - 1)}…` : s);
  return { listed: items.slice(0, MAX_LISTED_PROBLEMS).map(cut), omitted: Math.max(0, items.length - MAX_LISTED_PROBLEMS) };
}

/** "a; b; c" plus "and N more problems", bounded by `boundedList`. */
export function problemSentence(items: readonly string[]): string {
  const { listed, omitted } = boundedList(items);
  return listed.join("; ") + (omitted > 0 ? `; and ${omitted} more problem${omitted === 1 ? "" : "s"}` : "");
}

function zodResponse(error: z.ZodError): Response {
  // A hostile body can fail on millions of elements: report a bounded few, never echo the input.
  const issues = error.issues.slice(0, MAX_LISTED_PROBLEMS).map((issue) => ({
    path: boundedList([issue.path.slice(0, 8).map(String).join(".") || "(body)"]).listed[0],
    message: boundedList([issue.message]).listed[0],
  }));
  const sentence = problemSentence(error.issues.map((issue, i) => (issues[i] ? `${issues[i].path}: ${issues[i].message}` : "")));
  return jsonError(400, `The request is invalid: ${sentence}.`, { issues, total: error.issues.length });
}

/** Wraps a route handler: HttpError -> its status, ZodError -> 400, anything else -> logged 500. */
export function withErrors<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof HttpError) return jsonError(error.status, error.message, error.details, error.headers);
      if (error instanceof z.ZodError) return zodResponse(error);
      const unavailable = chainUnavailableResponse(error);
      if (unavailable) return unavailable;
      console.error("route handler failed", error);
      return jsonError(500, "The server failed to handle this request; it has been logged. Try again later.");
    }
  };
}

/**
 * The request body as JSON, or a 400 saying it is not; a 413 past `maxBytes`, counted as the body
 * streams in (a chunked request has no content-length to trust).
 */
export async function readJson(request: Request, maxBytes = 1024 * 1024): Promise<unknown> {
  const tooLarge = () => new HttpError(413, `The request body is larger than ${Math.round(maxBytes / 1024)} kB.`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "The request body is not valid JSON.");
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1] : null;
}
