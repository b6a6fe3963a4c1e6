// v1.7.0: the lock's validator gains a builder registration and its single deposit is a
// container; each operator signs the lock hash (node signatures).
import { ContainerType } from "@chainsafe/ssz";
import {
  builderRegistrationType,
  builderRegistrationValue,
  bytes48,
  depositDataType,
  depositDataValue,
  distributedValidatorBase,
  publicSharesType,
  type Fields,
} from "@/lib/obol/ssz/format";
import type { ObolVersion } from "./types";

export const v1_7: ObolVersion = {
  name: "v1.7.0",
  ssz: {
    definitionExtras: {},
    definitionExtraValues: () => ({}),
    distributedValidator: new ContainerType<Fields>({
      distributed_public_key: bytes48,
      public_shares: publicSharesType,
      deposit_data: depositDataType,
      builder_registration: builderRegistrationType,
    }),
    distributedValidatorValue: (dv) => ({
      ...distributedValidatorBase(dv),
      deposit_data: depositDataValue(dv.deposit_data),
      builder_registration: builderRegistrationValue(dv.builder_registration),
    }),
  },
  lock: { nodeSignatures: true, builderRegistration: true, partialDeposits: false, compounding: false, targetGasLimit: false },
};
