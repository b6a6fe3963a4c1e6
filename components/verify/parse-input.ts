// Turns pasted or dropped text into a cluster file for lib/obol, or into a message a person can
// act on: size, JSON syntax, version and schema problems are told apart before any check runs.
import { ZodError } from "zod";
import { describeIssues, parseClusterFile, type ClusterFile } from "@/lib/obol/schema";
import { isSupportedVersion, supportedVersions } from "@/lib/obol/versions";

/** A lock with a few hundred validators is well under this; the limit keeps the tab responsive. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

export type ParseFailure = { ok: false; title: string; details: string[] };
export type ParseOutcome = { ok: true; file: ClusterFile } | ParseFailure;

const fail = (title: string, details: string[] = []): ParseFailure => ({ ok: false, title, details });

export const tooLarge = (bytes: number): ParseFailure =>
  fail(`The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${MAX_INPUT_BYTES / 1024 / 1024} MB can be checked here.`);

export function parseInput(text: string): ParseOutcome {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_INPUT_BYTES) return tooLarge(bytes);
  if (text.trim() === "") return fail("Paste a cluster definition or lock, or choose a file.");

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail("This is not valid JSON.", [e instanceof Error ? e.message : String(e)]);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return fail("Expected a JSON object: a cluster definition or a cluster lock.");
  }

  // A lock wraps its definition; the version decides every hash, so check it first.
  const isLock = "cluster_definition" in json;
  const holder = isLock ? (json as { cluster_definition: unknown }).cluster_definition : json;
  const version = typeof holder === "object" && holder !== null ? (holder as { version?: unknown }).version : undefined;
  if (version === undefined) {
    return fail(`No "version" field${isLock ? " in cluster_definition" : ""}: this is not a cluster definition or lock.`);
  }
  if (typeof version !== "string" || !isSupportedVersion(version)) {
    return fail(`Unknown version ${JSON.stringify(version)}.`, [`Supported versions: ${supportedVersions().join(", ")}.`]);
  }

  try {
    return { ok: true, file: parseClusterFile(json) };
  } catch (e) {
    if (!(e instanceof ZodError)) throw e;
    return fail(
      `This ${isLock ? "lock" : "definition"} does not have the shape charon writes.`,
      describeIssues(e),
    );
  }
}
