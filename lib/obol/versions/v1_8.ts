// v1.8.0: definitions gain deposit_amounts (partial deposits); the lock's validator carries a
// list of partial deposit data instead of one deposit.
import { ListBasicType, ListCompositeType } from "@chainsafe/ssz";
import { MAX_DEPOSIT_AMOUNTS, builderRegistrationType, builderRegistrationValue, depositDataType, depositDataValue, distributedValidatorBase, distributedValidatorType, uint64Big } from "@/lib/obol/ssz/format";
import type { ObolVersion } from "./types";
import { v1_7 } from "./v1_7";

export const v1_8: ObolVersion = {
  name: "v1.8.0",
  ssz: {
    definitionExtras: {
      deposit_amounts: new ListBasicType(uint64Big, MAX_DEPOSIT_AMOUNTS),
    },
    definitionExtraValues: (def) => ({
      deposit_amounts: (def.deposit_amounts ?? []).map((a) => BigInt(a)),
    }),
    distributedValidator: distributedValidatorType({
      partial_deposit_data: new ListCompositeType(depositDataType, MAX_DEPOSIT_AMOUNTS),
      builder_registration: builderRegistrationType,
    }),
    distributedValidatorValue: (dv) => ({
      ...distributedValidatorBase(dv),
      partial_deposit_data: dv.partial_deposit_data.map(depositDataValue),
      builder_registration: builderRegistrationValue(dv.builder_registration),
    }),
  },
  lock: { ...v1_7.lock, partialDeposits: true },
};
