// The refusal every route answers with; its own module so ./unavailable and ./index share it
// without importing each other.

/** A JSON error response. */
export function jsonError(status: number, message: string, details?: unknown, headers?: HeadersInit): Response {
  return Response.json(details === undefined ? { message } : { message, details }, { status, headers });
}

/** Thrown by handlers to refuse a request with a 4xx (or a 503); `withErrors` turns it into `jsonError`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "HttpError";
  }
}
