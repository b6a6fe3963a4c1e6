// What differs between definition versions, and the SSZ pieces they share (charon cluster/ssz.go).
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
import type { BuilderRegistration, Definition, DepositData, DistributedValidator } from "@/lib/obol/schema";

export type Fields = Record<string, Type<unknown>>;
export type Values = Record<string, unknown>;

/** One definition version's hashing rules: the extra definition fields and the lock's validator. */
export interface VersionFormat {
  /** Definition fields after `validators` (and before `config_hash`), in charon's order. */
  definitionExtras: Fields;
  definitionExtraValues(def: Definition): Values;
  distributedValidator: ContainerType<Fields>;
  distributedValidatorValue(dv: DistributedValidator): Values;
}

export const MAX_OPERATORS = 256;
export const MAX_VALIDATORS = 65536;
export const MAX_DEPOSIT_AMOUNTS = 256;

export const uint64 = new UintNumberType(8);
export const uint64Big = new UintBigintType(8);
export const bytes20 = new ByteVectorType(20);
export const bytes32 = new ByteVectorType(32);
export const bytes48 = new ByteVectorType(48);
const bytes96 = new ByteVectorType(96);
export const byteList = (limit: number) => new ByteListType(limit);

export const depositDataFields = {
  pubkey: bytes48,
  withdrawal_credentials: bytes32,
  amount: uint64Big,
  signature: bytes96,
};

export const depositDataType = new ContainerType(depositDataFields);

/** charon hashes an absent deposit as the zero DepositData. */
export function depositDataValue(dd: DepositData | undefined): Values {
  return {
    pubkey: bytesN(dd?.pubkey ?? "", 48, "deposit pubkey"),
    withdrawal_credentials: bytesN(dd?.withdrawal_credentials ?? "", 32, "withdrawal_credentials"),
    amount: BigInt(dd?.amount ?? 0),
    signature: bytesN(dd?.signature ?? "", 96, "deposit signature"),
  };
}

export const builderRegistrationType = new ContainerType({
  message: new ContainerType({
    fee_recipient: bytes20,
    gas_limit: uint64,
    timestamp: uint64,
    pubkey: bytes48,
  }),
  signature: bytes96,
});

export function builderRegistrationValue(reg: BuilderRegistration | undefined): Values {
  return {
    message: {
      fee_recipient: bytesN(reg?.message.fee_recipient ?? "", 20, "fee_recipient"),
      gas_limit: reg?.message.gas_limit ?? 0,
      timestamp: reg?.message.timestamp ?? 0,
      pubkey: bytesN(reg?.message.pubkey ?? "", 48, "registration pubkey"),
    },
    signature: bytesN(reg?.signature ?? "", 96, "registration signature"),
  };
}

export const publicSharesType = new ListCompositeType(bytes48, MAX_OPERATORS);

export function distributedValidatorBase(dv: DistributedValidator): Values {
  return {
    distributed_public_key: bytesN(dv.distributed_public_key, 48, "distributed_public_key"),
    public_shares: dv.public_shares.map((s) => bytesN(s, 48, "public share")),
  };
}
