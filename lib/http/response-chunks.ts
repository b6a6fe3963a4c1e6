import type { ServerResponse } from "node:http";

/** `ServerResponse.write` and `end` as the portal's wrappers call them: any of the overloads. */
export type Write = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;
export type End = (chunk?: unknown, encoding?: unknown, callback?: unknown) => ServerResponse;

/** The bytes of a chunk handed to `write` or `end`: a string in its encoding, or a byte array. */
export function bytesOf(chunk: unknown, encoding: unknown): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  const bytes = chunk as Uint8Array;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Whether `response` carries an HTML page, by the Content-Type it has set so far. */
export function isHtml(response: ServerResponse): boolean {
  return /^text\/html\b/i.test(String(response.getHeader("content-type") ?? ""));
}
