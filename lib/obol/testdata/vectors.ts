// charon's published test vectors (cluster definitions and locks per version, and one lock from a
// real DKG), read for tests from CHARON_VECTORS_DIR. They are not part of this repository: the
// tests that need them are skipped when the folder is absent (devnet/testing/global-setup.ts says
// how to enable them), and fail when CHARON_VECTORS_DIR names a folder that is missing.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, it } from "vitest";
import { hasVectors, VECTORS_DIR, vectorsSkippedMessage } from "./vectors-dir";

export { hasVectors, VECTORS_DIR };

export const vectorFiles = hasVectors
  ? readdirSync(VECTORS_DIR)
      .filter((f) => f.endsWith(".json"))
      .sort()
  : [];

/** Raw JSON of a vector file (a fresh copy each call, so tests may mutate it). */
export function loadVector(file: string): any {
  return JSON.parse(readFileSync(path.join(VECTORS_DIR, file), "utf8"));
}

/**
 * A suite that runs only when the vectors are present. Without them its body is not even
 * collected (it may load vectors as it declares its tests): one skipped entry says why.
 */
export function describeVectors(name: string, factory: () => void): void {
  if (hasVectors) describe(name, factory);
  else describe.skip(name, () => it.skip(vectorsSkippedMessage, () => undefined));
}

/** A test that runs only when the vectors are present. */
export const itVectors = it.skipIf(!hasVectors);

export const LAUNCHPAD_LOCK = "launchpad-signed-lock-v1_7_0.json";

/** What verifying LAUNCHPAD_LOCK's signatures gives: its creator, its four operators and the aggregate all check out. */
export const LAUNCHPAD_LOCK_SIGNATURES = {
  creator_signature: true,
  operator_config_signatures: [true, true, true, true],
  enr_signatures: [true, true, true, true],
  node_signatures: [true, true, true, true],
  signature_aggregate: true,
};
