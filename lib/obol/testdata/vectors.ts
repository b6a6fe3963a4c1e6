// The charon test vectors shared by the project (../shared/vectors/charon), loaded for tests.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const VECTORS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../shared/vectors/charon",
);

export const vectorFiles = readdirSync(VECTORS_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

/** Raw JSON of a vector file (a fresh copy each call, so tests may mutate it). */
export function loadVector(file: string): any {
  return JSON.parse(readFileSync(path.join(VECTORS_DIR, file), "utf8"));
}

export const LAUNCHPAD_LOCK = "launchpad-signed-lock-v1_7_0.json";
