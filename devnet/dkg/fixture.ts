// A fully signed 4-operator definition (v1.10 unless told otherwise) with known keys, for tests of
// anything that takes a lock (this module, the lock route, the verify page). Built, not stored:
// see golden-input.ts.
import type { Hex } from "viem";
import { buildDefinition, signCreator, withOperatorRegistrations, type ClusterChainData } from "@/lib/obol/definition-builder";
import type { Definition } from "@/lib/obol/schema";
import { configHash } from "@/lib/obol/ssz";
import { goldenChainData, goldenCreator, goldenOperators } from "@/lib/obol/testdata/golden-input";
import { testKeyHex } from "@/lib/obol/testdata/enr-builder";
import { registerOperator } from "./registration";

export interface SignedTestCluster {
  definition: Definition;
  /** The operators' charon ENR keys, in operator order. */
  operatorKeys: Hex[];
}

/** `changes` (another version, compounding, …) apply before anything is signed. */
export async function signedTestCluster(chain: ClusterChainData = goldenChainData, changes: Partial<Definition> = {}): Promise<SignedTestCluster> {
  const operatorKeys = goldenOperators.map((_, i) => testKeyHex(31 + i));
  const changed = { ...buildDefinition({ ...chain, operators: goldenOperators.map((o) => o.address) }, goldenCreator.address), ...changes };
  // signCreator recomputes the definition hash.
  const unsigned = await signCreator({ ...changed, config_hash: configHash(changed) }, goldenCreator);
  const regs = await Promise.all(
    goldenOperators.map((wallet, i) => registerOperator(unsigned, wallet, operatorKeys[i], { ip: `10.0.0.${i + 1}`, tcp: 3610, udp: 3630 })),
  );
  return { definition: withOperatorRegistrations(unsigned, regs), operatorKeys };
}
