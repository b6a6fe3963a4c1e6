// The SSZ pieces charon's versions share (charon cluster/ssz.go), and the shape of what differs
// between them (each version file in lib/obol/versions fills a VersionFormat).
import {
  ByteListType,
  ByteVectorType,
  ContainerType,
  ListCompositeType,
  UintBigintType,
  UintNumberType,
  type Type,
} from "@chainsafe/ssz";
import { bytesN } from "@/lib/obol/hex";
import { MAX_OPERATORS, type BuilderRegistration, type DefinitionFields, type DepositData, type DistributedValidator } from "@/lib/obol/schema-fields";

export type Fields = Record<string, Type<unknown>>;
export type Values = Record<string, unknown>;

/** One definition version's hashing rules: the extra definition fields and the lock's validator. */
export interface VersionFormat {
  /** Definition fields after `validators` (and before `config_hash`), in charon's order. */
  definitionExtras: Fields;
  definitionExtraValues(def: DefinitionFields): Values;
  distributedValidator: ContainerType<Fields>;
  distributedValidatorValue(dv: DistributedValidator): Values;
}

export { MAX_DEPOSIT_AMOUNTS, MAX_OPERATORS, MAX_VALIDATORS } from "@/lib/obol/schema-fields";

export const uint64 = new UintNumberType(8);
export const uint64Big = new UintBigintType(8);
export const bytes20 = new ByteVectorType(20);
export const bytes32 = new ByteVectorType(32);
export const bytes48 = new ByteVectorType(48);
export const bytes96 = new ByteVectorType(96);
export const byteList = (limit: number) => new ByteListType(limit);

/** The deposit contract's DepositMessage and DepositData (also charon's lock encoding of a deposit). */
export const depositMessageType = new ContainerType({ pubkey: bytes48, withdrawal_credentials: bytes32, amount: uint64Big });
export const depositDataType = new ContainerType({ ...depositMessageType.fields, signature: bytes96 });

/** charon hashes an absent deposit as the zero DepositData. */
export function depositDataValue(dd: DepositData | undefined): Values {
  return {
    pubkey: bytesN(dd?.pubkey ?? "", 48, "deposit pubkey"),
    withdrawal_credentials: bytesN(dd?.withdrawal_credentials ?? "", 32, "withdrawal_credentials"),
    amount: BigInt(dd?.amount ?? 0),
    signature: bytesN(dd?.signature ?? "", 96, "deposit signature"),
  };
}

/** The builder API's ValidatorRegistration message, and charon's lock encoding of a signed one. */
export const registrationMessageType = new ContainerType({ fee_recipient: bytes20, gas_limit: uint64Big, timestamp: uint64Big, pubkey: bytes48 });
export const builderRegistrationType = new ContainerType({ message: registrationMessageType, signature: bytes96 });

export function builderRegistrationValue(reg: BuilderRegistration | undefined): Values {
  return {
    message: {
      fee_recipient: bytesN(reg?.message.fee_recipient ?? "", 20, "fee_recipient"),
      gas_limit: BigInt(reg?.message.gas_limit ?? 0),
      timestamp: BigInt(reg?.message.timestamp ?? 0),
      pubkey: bytesN(reg?.message.pubkey ?? "", 48, "registration pubkey"),
    },
    signature: bytesN(reg?.signature ?? "", 96, "registration signature"),
  };
}

export const publicSharesType = new ListCompositeType(bytes48, MAX_OPERATORS);

/** A version's DistributedValidator container: the key and its shares, then the version's own fields in order. */
export const distributedValidatorType = (fields: Fields): ContainerType<Fields> =>
  new ContainerType<Fields>({ distributed_public_key: bytes48, public_shares: publicSharesType, ...fields });

export function distributedValidatorBase(dv: DistributedValidator): Values {
  return {
    distributed_public_key: bytesN(dv.distributed_public_key, 48, "distributed_public_key"),
    public_shares: dv.public_shares.map((s) => bytesN(s, 48, "public share")),
  };
}
