// Where charon's published test vectors are (see ./vectors.ts), with no test-runner imports so
// the vitest global setup can read it too.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where the vectors are looked for when CHARON_VECTORS_DIR is not set: beside the repository. */
export const DEFAULT_VECTORS_DIR = path.resolve(repoRoot, "../shared/vectors/charon");

export const VECTORS_DIR = process.env.CHARON_VECTORS_DIR ? path.resolve(process.env.CHARON_VECTORS_DIR) : DEFAULT_VECTORS_DIR;

if (process.env.CHARON_VECTORS_DIR && !existsSync(VECTORS_DIR)) {
  throw new Error(`CHARON_VECTORS_DIR=${process.env.CHARON_VECTORS_DIR} does not exist: point it at charon's test vectors or unset it to skip those tests.`);
}

/** Whether the vectors are here. */
export const hasVectors = existsSync(VECTORS_DIR);

/** The line that says why vector tests were skipped and how to run them. */
export const vectorsSkippedMessage = `charon vector tests skipped: no ${VECTORS_DIR}; set CHARON_VECTORS_DIR to a folder of charon's cluster definition and lock test vectors to run them.`;
