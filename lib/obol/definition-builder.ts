// The Obol cluster definition of a Byzantine cluster, derived only from chain data (docs/obol.md, the derived definition),
// so every portal instance computes the same config hash. Pure and deterministic.
import { getAddress, isAddressEqual, size, type Address, type Hex, type LocalAccount } from "viem";
import { creatorConfigHashTypedData } from "@/lib/obol/eip712";
import type { Definition } from "@/lib/obol/schema";
import { DEFINITION_VERSION } from "@/lib/obol/version";
import { configHash, definitionHash } from "@/lib/obol/ssz";

export interface ClusterChainData {
  /** 1-based order of the ClusterCreated event. */
  order: number;
  clusterId: Hex;
  /** Block time of ClusterCreated. */
  createdAt: Date | number;
  /** Node operators in node order (ClusterDetails.nodes[i] -> bid -> nodeOp). */
  operators: Address[];
  splitAddr: Address;
  eigenPodAddr: Address;
  forkVersion: Hex;
}

export interface OperatorRegistration {
  address: Address;
  enr: string;
  config_signature: Hex;
  enr_signature: Hex;
}

const TARGET_GAS_LIMIT = 36_000_000;

/** charon's default threshold (cluster.Threshold): ceil(2n/3). */
export const threshold = (nodes: number) => Math.ceil((2 * nodes) / 3);

/** First 16 bytes of the cluster id as an upper-case 8-4-4-4-12 UUID. */
export function clusterUuid(clusterId: Hex): string {
  if (size(clusterId) !== 32) throw new Error(`clusterId must be 32 bytes, got ${clusterId}`);
  const h = clusterId.slice(2, 34).toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** RFC 3339 in UTC without fractional seconds, as Go's time.RFC3339 writes a UTC time. */
export function rfc3339(at: Date | number): string {
  const ms = at instanceof Date ? at.getTime() : at * 1000;
  if (!Number.isFinite(ms)) throw new Error(`invalid timestamp ${String(at)}`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const withHashes = (def: Definition): Definition => ({ ...def, definition_hash: definitionHash(def) });

/** The unsigned definition; keys are in the order charon marshals a v1.10 definition. */
export function buildDefinition(chain: ClusterChainData, creator: Address): Definition {
  if (!Number.isInteger(chain.order) || chain.order < 1) throw new Error(`order must be a positive integer, got ${chain.order}`);
  if (chain.operators.length === 0) throw new Error("a cluster needs operators");
  if (size(chain.forkVersion) !== 4) throw new Error(`fork version must be 4 bytes, got ${chain.forkVersion}`);

  const zero = `0x${"00".repeat(32)}` as const;
  const def: Definition = {
    name: `Byzantine DV${chain.order}`,
    creator: { address: getAddress(creator), config_signature: "" },
    operators: chain.operators.map((address) => ({
      address: getAddress(address),
      enr: "",
      config_signature: "",
      enr_signature: "",
    })),
    uuid: clusterUuid(chain.clusterId),
    version: DEFINITION_VERSION,
    timestamp: rfc3339(chain.createdAt),
    num_validators: 1,
    threshold: threshold(chain.operators.length),
    validators: [{ fee_recipient_address: getAddress(chain.splitAddr), withdrawal_address: getAddress(chain.eigenPodAddr) }],
    dkg_algorithm: "default",
    fork_version: chain.forkVersion.toLowerCase() as Hex,
    deposit_amounts: null,
    consensus_protocol: "",
    target_gas_limit: TARGET_GAS_LIMIT,
    compounding: false,
    config_hash: zero,
    definition_hash: zero,
  };
  return withHashes({ ...def, config_hash: configHash(def) });
}

/** Adds the creator's CreatorConfigHash signature (charon rejects operator signatures without it). */
export async function signCreator(def: Definition, account: LocalAccount): Promise<Definition> {
  if (!isAddressEqual(account.address, def.creator.address as Address)) {
    throw new Error(`account ${account.address} is not the definition's creator ${def.creator.address}`);
  }
  const config_signature = await account.signTypedData(creatorConfigHashTypedData(def.config_hash, def.fork_version));
  return withHashes({ ...def, creator: { ...def.creator, config_signature } });
}

/** Fills each registered operator's ENR and signatures (matched by address); others stay empty. */
export function withOperatorRegistrations(def: Definition, regs: readonly OperatorRegistration[]): Definition {
  for (const reg of regs) {
    if (!def.operators.some((o) => isAddressEqual(o.address as Address, reg.address))) {
      throw new Error(`${reg.address} is not an operator of this cluster`);
    }
  }
  return withHashes({
    ...def,
    operators: def.operators.map((o) => {
      const reg = regs.find((r) => isAddressEqual(r.address, o.address as Address));
      return reg ? { ...o, enr: reg.enr, config_signature: reg.config_signature, enr_signature: reg.enr_signature } : o;
    }),
  });
}
