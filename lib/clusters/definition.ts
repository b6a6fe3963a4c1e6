import type { Hex, LocalAccount } from "viem";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import { buildDefinition, signCreator, withOperatorRegistrations, type OperatorRegistration } from "@/lib/obol/definition-builder";
import type { Definition } from "@/lib/obol/schema";

export type DefinitionSigner = { creator: LocalAccount; forkVersion: Hex };

/**
 * The definition this portal serves for a cluster (GET /api/v1/definition/{configHash}): derived
 * from chain data (DESIGN.md §4), signed by the configured creator, with every registered
 * operator's ENR and signatures filled in and definition_hash recomputed.
 */
export async function servedDefinition(
  cluster: IndexedCluster,
  registrations: readonly OperatorRegistration[],
  { creator, forkVersion }: DefinitionSigner,
): Promise<Definition> {
  const unsigned = buildDefinition(
    {
      order: cluster.ordinal,
      clusterId: cluster.clusterId,
      createdAt: cluster.createdAt,
      operators: cluster.operators,
      splitAddr: cluster.split,
      eigenPodAddr: cluster.eigenPod,
      forkVersion,
    },
    creator.address,
  );
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
