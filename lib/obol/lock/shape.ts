// The checks of a lock that need no cryptography: do its lists have the sizes its definition
// asks for? Cheap and bounded by the schema's list limits, so a caller can refuse a lock shaped
// unlike its definition before any BLS work (one pairing per deposit).
import { formatUnits } from "viem";
import type { Lock } from "@/lib/obol/schema";
import { obolVersion } from "@/lib/obol/versions";
import { depositAmountsGwei } from "./deposit";

const eth = (gwei: bigint[]) => gwei.map((a) => `${formatUnits(a, 9)} ETH`).join(", ");

/** Each way the lock's shape disagrees with its definition, as a sentence; empty when none. */
export function lockShapeProblems(lock: Lock): string[] {
  const def = lock.cluster_definition;
  const layout = obolVersion(def.version).lock;
  const operators = def.operators.length;
  const problems: string[] = [];
  if (lock.distributed_validators.length !== def.num_validators) {
    problems.push(`${lock.distributed_validators.length} distributed validators for num_validators ${def.num_validators}`);
  }
  if (!layout.nodeSignatures) {
    if (lock.node_signatures.length > 0) problems.push(`a ${def.version} lock has no node signatures, but this one has some`);
  } else if (lock.node_signatures.length !== operators) {
    problems.push(`${lock.node_signatures.length} node signatures for ${operators} operators`);
  }
  const expected = depositAmountsGwei(def);
  lock.distributed_validators.forEach((dv, i) => {
    if (dv.public_shares.length !== operators) problems.push(`validator ${i} has ${dv.public_shares.length} public shares for ${operators} operators`);
    if (!layout.partialDeposits) {
      if (dv.partial_deposit_data.length > 0) problems.push(`validator ${i} has partial_deposit_data, which a ${def.version} lock does not carry`);
      return;
    }
    const amounts = dv.partial_deposit_data.map((d) => BigInt(d.amount)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (amounts.length !== expected.length) {
      problems.push(`validator ${i} has ${amounts.length} partial deposits; its definition asks for ${expected.length} (${eth(expected)})`);
    } else if (amounts.some((a, k) => a !== expected[k])) {
      problems.push(`validator ${i}'s partial deposits are of ${eth(amounts)}; its definition asks for ${eth(expected)}`);
    }
  });
  return problems;
}
