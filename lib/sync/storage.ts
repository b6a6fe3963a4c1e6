import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import type { Sql } from "@/lib/db";
import { TERMS_AND_CONDITIONS_VERSION } from "@/lib/obol/eip712";

/**
 * Storage of the synchronization steps (DESIGN.md §5): terms acceptances and operator
 * registrations. Writes are single statements guarded by the tables' keys, so concurrent
 * requests cannot lose or duplicate a step (see migration 2).
 */

const hex = z.string().transform((s) => s as Hex);

const registrationRow = z
  .object({
    config_hash: hex,
    operator: z.string().transform((s) => getAddress(s)),
    enr: z.string(),
    enr_public_key: hex,
    config_signature: hex,
    enr_signature: hex,
    registered_at: z.coerce.date(),
  })
  .transform((r) => ({
    configHash: r.config_hash,
    address: r.operator,
    enr: r.enr,
    enrPublicKey: r.enr_public_key,
    configSignature: r.config_signature,
    enrSignature: r.enr_signature,
    registeredAt: r.registered_at,
  }));

export type StoredRegistration = z.output<typeof registrationRow>;
export type NewRegistration = Omit<StoredRegistration, "registeredAt">;

/** The terms version operators accept now (lib/obol/eip712). */
export const termsVersion = Number(TERMS_AND_CONDITIONS_VERSION);

export type TermsAcceptance = { address: Address; version: number; termsHash: Hex; signature: Hex };

/** Stores an acceptance; false when this address had already accepted this version. */
export async function saveTermsAcceptance(sql: Sql, terms: TermsAcceptance): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO terms_acceptances (address, version, terms_hash, signature) VALUES ($1, $2, $3, $4)
     ON CONFLICT (address, version) DO NOTHING RETURNING address`,
    [getAddress(terms.address), terms.version, terms.termsHash.toLowerCase(), terms.signature],
  );
  return rows.length > 0;
}

/** The addresses among `addresses` that accepted terms `version`; one query for any number. */
export async function termsAcceptedBy(sql: Sql, addresses: readonly Address[], version: number): Promise<Set<Address>> {
  if (addresses.length === 0) return new Set();
  const rows = await sql.query<{ address: string }>(
    "SELECT address FROM terms_acceptances WHERE version = $1 AND address = ANY($2)",
    [version, [...new Set(addresses.map((a) => getAddress(a)))]],
  );
  return new Set(rows.map((r) => getAddress(r.address)));
}

/** Registrations of the given clusters, keyed by config hash; one query for any number. */
export async function registrationsOf(sql: Sql, configHashes: readonly Hex[]): Promise<Map<Hex, StoredRegistration[]>> {
  const keys = [...new Set(configHashes.map((h) => h.toLowerCase() as Hex))];
  const byCluster = new Map<Hex, StoredRegistration[]>(keys.map((k) => [k, []]));
  if (keys.length === 0) return byCluster;
  const rows = await sql.query(
    `SELECT config_hash, operator, enr, enr_public_key, config_signature, enr_signature, registered_at
     FROM operator_registrations WHERE config_hash = ANY($1) ORDER BY registered_at, operator`,
    [keys],
  );
  for (const row of rows) {
    const reg = registrationRow.parse(row);
    byCluster.get(reg.configHash)?.push(reg);
  }
  return byCluster;
}

export type SaveRegistrationResult =
  | { outcome: "created" | "unchanged"; registration: StoredRegistration }
  | { outcome: "operator-registered"; registration: StoredRegistration }
  | { outcome: "enr-taken"; registration: StoredRegistration };

/**
 * Stores an operator's node unless the operator already registered one or another operator of
 * the cluster uses the same charon key. Re-sending the same ENR is "unchanged" (its signatures
 * are deterministic, and the stored ones were verified), not a conflict.
 */
export async function saveRegistration(sql: Sql, reg: NewRegistration): Promise<SaveRegistrationResult> {
  const configHash = reg.configHash.toLowerCase();
  const operator = getAddress(reg.address);
  const inserted = await sql.query(
    `INSERT INTO operator_registrations (config_hash, operator, enr, enr_public_key, config_signature, enr_signature)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
     RETURNING config_hash, operator, enr, enr_public_key, config_signature, enr_signature, registered_at`,
    [configHash, operator, reg.enr, reg.enrPublicKey.toLowerCase(), reg.configSignature, reg.enrSignature],
  );
  if (inserted.length > 0) return { outcome: "created", registration: registrationRow.parse(inserted[0]) };

  // Nothing inserted: one of the two keys already holds a row, committed before ours.
  const existing = (
    await sql.query(
      `SELECT config_hash, operator, enr, enr_public_key, config_signature, enr_signature, registered_at
       FROM operator_registrations WHERE config_hash = $1 AND (operator = $2 OR enr_public_key = $3)`,
      [configHash, operator, reg.enrPublicKey.toLowerCase()],
    )
  ).map((row) => registrationRow.parse(row));
  const own = existing.find((r) => r.address === operator);
  if (own) return { outcome: own.enr === reg.enr ? "unchanged" : "operator-registered", registration: own };
  const other = existing.find((r) => r.address !== operator);
  if (other) return { outcome: "enr-taken", registration: other };
  throw new Error(`registration of ${operator} for ${configHash} was neither stored nor found`);
}
