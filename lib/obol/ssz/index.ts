// config_hash, definition_hash and lock_hash: SSZ hash_tree_roots of charon's containers
// (cluster/ssz.go, v1.5+ layout) with the version-specific parts from lib/obol/versions.
import { ByteVectorType, ContainerType, ListCompositeType } from "@chainsafe/ssz";
import { bytesToHex, type Hex } from "viem";
import { bytesN, utf8Bytes } from "@/lib/obol/hex";
import type { Definition, Lock } from "@/lib/obol/schema";
import { obolVersion } from "@/lib/obol/versions";
import {
  MAX_OPERATORS,
  MAX_VALIDATORS,
  byteList,
  bytes20,
  bytes32,
  uint64,
  type Fields,
  type Values,
  type VersionFormat,
} from "./format";

const formatOf = (version: string): VersionFormat => obolVersion(version).ssz;

const k1Signature = new ByteVectorType(65);

// The config hash sees operators and creator as their address only.
const operatorType = (configOnly: boolean) =>
  new ContainerType(
    configOnly
      ? { address: bytes20 }
      : { address: bytes20, enr: byteList(1024), config_signature: k1Signature, enr_signature: k1Signature },
  );
const creatorType = (configOnly: boolean) =>
  new ContainerType(configOnly ? { address: bytes20 } : { address: bytes20, config_signature: k1Signature });

function buildDefinitionType(f: VersionFormat, configOnly: boolean): ContainerType<Fields> {
  return new ContainerType<Fields>({
    uuid: byteList(64),
    name: byteList(256),
    version: byteList(16),
    timestamp: byteList(32),
    num_validators: uint64,
    threshold: uint64,
    dkg_algorithm: byteList(32),
    fork_version: new ByteVectorType(4),
    operators: new ListCompositeType(operatorType(configOnly), MAX_OPERATORS),
    creator: creatorType(configOnly),
    validators: new ListCompositeType(
      new ContainerType({ fee_recipient_address: bytes20, withdrawal_address: bytes20 }),
      MAX_VALIDATORS,
    ),
    ...f.definitionExtras,
    ...(configOnly ? {} : { config_hash: bytes32 }),
  });
}

const definitionTypes = new WeakMap<VersionFormat, Record<"config" | "full", ContainerType<Fields>>>();
function definitionType(f: VersionFormat, configOnly: boolean): ContainerType<Fields> {
  let types = definitionTypes.get(f);
  if (!types) {
    types = { config: buildDefinitionType(f, true), full: buildDefinitionType(f, false) };
    definitionTypes.set(f, types);
  }
  return configOnly ? types.config : types.full;
}

function definitionValue(def: Definition, f: VersionFormat, configOnly: boolean): Values {
  return {
    uuid: utf8Bytes(def.uuid, 64, "uuid"),
    name: utf8Bytes(def.name, 256, "name"),
    version: utf8Bytes(def.version, 16, "version"),
    timestamp: utf8Bytes(def.timestamp, 32, "timestamp"),
    num_validators: def.num_validators,
    threshold: def.threshold,
    dkg_algorithm: utf8Bytes(def.dkg_algorithm, 32, "dkg_algorithm"),
    fork_version: bytesN(def.fork_version, 4, "fork_version"),
    operators: def.operators.map((o, i) =>
      configOnly
        ? { address: bytesN(o.address, 20, `operators[${i}].address`) }
        : {
            address: bytesN(o.address, 20, `operators[${i}].address`),
            enr: utf8Bytes(o.enr, 1024, `operators[${i}].enr`),
            config_signature: bytesN(o.config_signature, 65, `operators[${i}].config_signature`),
            enr_signature: bytesN(o.enr_signature, 65, `operators[${i}].enr_signature`),
          },
    ),
    creator: configOnly
      ? { address: bytesN(def.creator.address, 20, "creator.address") }
      : {
          address: bytesN(def.creator.address, 20, "creator.address"),
          config_signature: bytesN(def.creator.config_signature, 65, "creator.config_signature"),
        },
    validators: def.validators.map((v, i) => ({
      fee_recipient_address: bytesN(v.fee_recipient_address, 20, `validators[${i}].fee_recipient_address`),
      withdrawal_address: bytesN(v.withdrawal_address, 20, `validators[${i}].withdrawal_address`),
    })),
    ...f.definitionExtraValues(def),
    // The definition hash covers the config_hash *as written in the file*, like charon.
    ...(configOnly ? {} : { config_hash: bytesN(def.config_hash, 32, "config_hash") }),
  };
}

function hashDefinition(def: Definition, configOnly: boolean): Uint8Array {
  const f = formatOf(def.version);
  return definitionType(f, configOnly).hashTreeRoot(definitionValue(def, f, configOnly));
}

/** The config hash: the definition without operator ENRs and signatures. Throws on malformed fields. */
export function configHash(def: Definition): Hex {
  return bytesToHex(hashDefinition(def, true));
}

/** The definition hash: every field, including signatures and the stored config_hash. */
export function definitionHash(def: Definition): Hex {
  return bytesToHex(hashDefinition(def, false));
}

/** The lock hash: {definition, distributed_validators}; the definition enters by its (computed) root. */
export function lockHash(lock: Lock): Hex {
  const f = formatOf(lock.cluster_definition.version);
  const lockType = new ContainerType({
    cluster_definition: bytes32,
    distributed_validators: new ListCompositeType(f.distributedValidator, MAX_VALIDATORS),
  });
  return bytesToHex(
    lockType.hashTreeRoot({
      cluster_definition: hashDefinition(lock.cluster_definition, false),
      distributed_validators: lock.distributed_validators.map(f.distributedValidatorValue),
    }),
  );
}
