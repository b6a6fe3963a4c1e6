// Fixtures for lock tests: a cluster of lib/sync's test operators registered for real (wallet
// signatures, charon ENRs) so the portal serves a complete definition, and test-DKG locks of it.
import type { Hex } from "viem";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import type { Sql } from "@/lib/db";
import { registerOperator, runTestDkg } from "@/devnet/dkg";
import { parseEnr } from "@/lib/obol/enr";
import { buildDefinition } from "@/lib/obol/definition-builder";
import { testKeyHex } from "@/lib/obol/testdata/enr-builder";
import { saveRegistration } from "@/lib/sync/storage";
import { hoodiForkVersion, testCreator, testOperators } from "@/lib/sync/testing";
import { chainDataOf, currentDefinition } from "@/lib/sync/definition";
import type { AcceptLockDeps } from "./accept";

export const signer = { creator: () => testCreator, forkVersion: () => hoodiForkVersion };

/** Deps that know exactly `clusters`. */
export const fixtureDeps = (clusters: readonly IndexedCluster[]): AcceptLockDeps => ({
  ...signer,
  findCluster: async (hash) => clusters.find((c) => c.configHash === hash) ?? null,
});

/** Charon ENR keys of a cluster's operators: test keys base .. base + count - 1 (bytes, so below 256). */
export const enrKeys = (base: number, count = 4): Hex[] => Array.from({ length: count }, (_, i) => testKeyHex(base + i));

/** Stores the registrations of the first `keys.length` operators, signed by their wallets. */
export async function registerOperators(sql: Sql, cluster: IndexedCluster, keys: readonly Hex[]): Promise<void> {
  const unsigned = buildDefinition(chainDataOf(cluster, hoodiForkVersion), testCreator.address);
  for (const [i, key] of keys.entries()) {
    const reg = await registerOperator(unsigned, testOperators[i], key);
    const enr = parseEnr(reg.enr);
    if (!enr.ok) throw new Error(enr.reason);
    await saveRegistration(sql, {
      configHash: cluster.configHash,
      address: reg.address,
      enr: reg.enr,
      enrPublicKey: enr.enr.publicKey,
      configSignature: reg.config_signature as Hex,
      enrSignature: reg.enr_signature as Hex,
    });
  }
}

/** A test-DKG lock of the definition the portal serves for `cluster` now. */
export async function lockOfServed(sql: Sql, cluster: IndexedCluster, keys: readonly Hex[], seed = "lock test") {
  return runTestDkg({ definition: await currentDefinition(sql, cluster, { creator: signer.creator(), forkVersion: signer.forkVersion() }), operatorKeys: keys, seed });
}
