import { z } from "zod";

/**
 * Request handling shared by route handlers: every refusal is JSON `{ message, details? }` with a
 * sentence a person can act on; a zod failure is a 400 naming the fields; anything unexpected is
 * a logged 500 that leaks nothing.
 */

/** A JSON error response. */
export function jsonError(status: number, message: string, details?: unknown): Response {
  return Response.json(details === undefined ? { message } : { message, details }, { status });
}

/** Thrown by handlers to refuse a request with a 4xx; `withErrors` turns it into `jsonError`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

function zodResponse(error: z.ZodError): Response {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message }));
  const sentence = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  return jsonError(400, `The request is invalid: ${sentence}.`, { issues });
}

/** Wraps a route handler: HttpError -> its status, ZodError -> 400, anything else -> logged 500. */
export function withErrors<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof HttpError) return jsonError(error.status, error.message, error.details);
      if (error instanceof z.ZodError) return zodResponse(error);
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
