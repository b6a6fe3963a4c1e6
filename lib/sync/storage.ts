import "server-only";
import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import type { Sql } from "@/lib/db";
import { TERMS_AND_CONDITIONS_VERSION } from "@/lib/obol/eip712";

/**
 * Storage of the synchronization steps (docs/obol.md, synchronization steps): terms acceptances and operator
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

/**
 * What storing `reg` does to a cluster of `operatorCount` operators with these registrations.
 *
 * An operator may replace its own node (a new ENR, signed again) until every operator has
 * registered; from then on the definition is what the DKG runs on, so it is frozen. A charon key
 * registered by one operator cannot be taken by another. An ENR is public, and its own signature
 * proves only that its key made it, not who posts it: so an operator can register another's ENR
 * before the rightful operator does ("squatting"). Requiring proof of the key would need charon to
 * sign a challenge, which its tools do not do. Instead, a squatted key is freed as soon as the
 * squatter replaces its registration, which it can until the cluster is complete, and the 409 names
 * the operator holding the key so the cluster's operators can sort it out; a squatter who refuses
 * blocks the cluster no more than any operator who never runs its node.
 */
export function planRegistration(existing: readonly StoredRegistration[], reg: NewRegistration, operatorCount: number): RegistrationPlan {
  const operator = getAddress(reg.address);
  const own = existing.find((r) => r.address === operator);
  if (own && own.enr === reg.enr) return { outcome: "unchanged", registration: own };
  if (own && existing.length >= operatorCount) return { outcome: "frozen", registration: own };
  const holder = existing.find((r) => r.address !== operator && r.enrPublicKey === reg.enrPublicKey.toLowerCase());
  if (holder) return { outcome: "enr-taken", registration: holder };
  return own ? { outcome: "replace", registration: own } : { outcome: "create" };
}

export type RegistrationPlan =
  | { outcome: "create" }
  | { outcome: "replace"; registration: StoredRegistration }
  | { outcome: "unchanged" | "frozen" | "enr-taken"; registration: StoredRegistration };

export type SaveRegistrationResult = { outcome: "created" | "replaced" | "unchanged" | "frozen" | "enr-taken"; registration: StoredRegistration };

// Advisory lock space of registrations (pg_advisory_xact_lock(int, int)), apart from the index's.
const registrationLocks = 2;

const returning = "RETURNING config_hash, operator, enr, enr_public_key, config_signature, enr_signature, registered_at";

/**
 * Stores an operator's node as `planRegistration` decides. Run it in a transaction
 * (`db.transaction(tx => saveRegistration(tx, …))`): it takes the cluster's lock first, so a
 * replacement cannot slip in after the last operator registered. Re-sending the same ENR is
 * "unchanged" (its signatures are deterministic, and the stored ones were verified).
 */
export async function saveRegistration(sql: Sql, reg: NewRegistration, operatorCount = Number.POSITIVE_INFINITY): Promise<SaveRegistrationResult> {
  const configHash = reg.configHash.toLowerCase() as Hex;
  const operator = getAddress(reg.address);
  const values = [configHash, operator, reg.enr, reg.enrPublicKey.toLowerCase(), reg.configSignature, reg.enrSignature];
  await sql.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [registrationLocks, configHash]);
  // Twice at most: outside a transaction, a concurrent insert can come between the read and ours.
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = (await registrationsOf(sql, [configHash])).get(configHash) ?? [];
    const plan = planRegistration(existing, reg, operatorCount);
    if (plan.outcome !== "create" && plan.outcome !== "replace") return plan;
    const rows =
      plan.outcome === "create"
        ? await sql.query(
            `INSERT INTO operator_registrations (config_hash, operator, enr, enr_public_key, config_signature, enr_signature)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING ${returning}`,
            values,
          )
        : await sql.query(
            `UPDATE operator_registrations SET enr = $3, enr_public_key = $4, config_signature = $5, enr_signature = $6, registered_at = now()
             WHERE config_hash = $1 AND operator = $2 ${returning}`,
            values,
          );
    if (rows.length > 0) return { outcome: plan.outcome === "create" ? "created" : "replaced", registration: registrationRow.parse(rows[0]) };
  }
  throw new Error(`registration of ${operator} for ${configHash} was neither stored nor found`);
}
