import { createHash } from "node:crypto";

/** A short fingerprint of what a page shows: equal stamps, nothing to re-render. */
export function stampOf(view: unknown): string {
  return createHash("sha256").update(JSON.stringify(view)).digest("base64url").slice(0, 16);
}
