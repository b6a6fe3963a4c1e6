// The charon versions this portal reads, one file each (docs/obol.md, versions). Everything that
// depends on the version — SSZ hashing, the lock's layout, the BLS checks, the test DKG — asks
// this table, so supporting a version is adding its file to the list below.
import type { DefinitionFields } from "@/lib/obol/schema-fields";
import type { ObolVersion } from "./types";
import { v1_6 } from "./v1_6";
import { v1_7 } from "./v1_7";
import { v1_8 } from "./v1_8";
import { v1_9 } from "./v1_9";
import { v1_10 } from "./v1_10";

export type { LockLayout, ObolVersion } from "./types";

const table = new Map<string, ObolVersion>([v1_6, v1_7, v1_8, v1_9, v1_10].map((v) => [v.name, v]));

/** charon registration.DefaultGasLimit, for versions whose definitions carry no target_gas_limit. */
export const DEFAULT_GAS_LIMIT = 30_000_000;

/** Adds a version to the table (tests use it to show that one object is all a version needs). */
export function registerVersion(version: ObolVersion): void {
  if (table.has(version.name)) throw new Error(`version ${version.name} is already registered`);
  table.set(version.name, version);
}

export const supportedVersions = (): string[] => [...table.keys()];

export const isSupportedVersion = (name: string): boolean => table.has(name);

export function unsupportedVersion(name: string): string {
  return `unsupported definition version ${JSON.stringify(name)}: this portal reads ${supportedVersions().join(", ")}`;
}

/** The version's entry; throws the sentence of unsupportedVersion for any other. */
export function obolVersion(name: string): ObolVersion {
  const version = table.get(name);
  if (!version) throw new Error(unsupportedVersion(name));
  return version;
}

/** A compounding cluster, for a version whose definitions have the flag. */
export const isCompounding = (def: DefinitionFields): boolean => obolVersion(def.version).lock.compounding && def.compounding === true;

/** The withdrawal credentials charon's DKG writes: 0x02 (EIP-7251) for a compounding cluster, else 0x01. */
export const withdrawalCredentialsType = (def: DefinitionFields): "0x01" | "0x02" => (isCompounding(def) ? "0x02" : "0x01");

/** The gas limit of the validators' builder registrations. */
export const registrationGasLimit = (def: DefinitionFields): number =>
  obolVersion(def.version).lock.targetGasLimit ? (def.target_gas_limit ?? 0) : DEFAULT_GAS_LIMIT;
