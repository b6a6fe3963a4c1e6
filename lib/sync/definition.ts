import "server-only";
import type { Hex, LocalAccount } from "viem";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import type { Sql } from "@/lib/db";
import {
  buildDefinition,
  signCreator,
  withOperatorRegistrations,
  type ClusterChainData,
  type OperatorRegistration,
} from "@/lib/obol/definition-builder";
import type { Definition } from "@/lib/obol/schema";
import { registrationsOf } from "./storage";

export type DefinitionSigner = { creator: LocalAccount; forkVersion: Hex };

/**
 * The definition this portal serves for a cluster (GET /api/v1/definition/{configHash}): derived
 * from chain data (docs/obol.md, the derived definition), signed by the configured creator, with every registered
 * operator's ENR and signatures filled in and definition_hash recomputed.
 */
export async function servedDefinition(
  cluster: IndexedCluster,
  registrations: readonly OperatorRegistration[],
  { creator, forkVersion }: DefinitionSigner,
): Promise<Definition> {
  const unsigned = buildDefinition(chainDataOf(cluster, forkVersion), creator.address);
  // The index stored the hash computed at indexing time; a different one means the creator key or
  // fork version changed since, and every operator signature would be for another definition.
  if (unsigned.config_hash !== cluster.configHash.toLowerCase()) {
    throw new Error(
      `${cluster.name}: config hash ${unsigned.config_hash} differs from the indexed ${cluster.configHash}; ` +
        "was CREATOR_PRIVATE_KEY or FORK_VERSION changed after indexing?",
    );
  }
  return withOperatorRegistrations(await signCreator(unsigned, creator), registrations);
}

/** What the definition builder needs of an indexed cluster. */
export function chainDataOf(
  cluster: Pick<IndexedCluster, "ordinal" | "clusterId" | "createdAt" | "operators" | "split" | "eigenPod">,
  forkVersion: Hex,
): ClusterChainData {
  return {
    order: cluster.ordinal,
    clusterId: cluster.clusterId,
    createdAt: cluster.createdAt,
    operators: cluster.operators,
    splitAddr: cluster.split,
    eigenPodAddr: cluster.eigenPod,
    forkVersion,
  };
}

/** The definition GET /api/v1/definition/{configHash} serves now: every stored registration filled in. */
export async function currentDefinition(sql: Sql, cluster: IndexedCluster, signer: DefinitionSigner): Promise<Definition> {
  const regs = (await registrationsOf(sql, [cluster.configHash])).get(cluster.configHash.toLowerCase() as Hex) ?? [];
  return servedDefinition(
    cluster,
    regs.map((r) => ({ address: r.address, enr: r.enr, config_signature: r.configSignature, enr_signature: r.enrSignature })),
    signer,
  );
}
