// v1.7.0: the lock's validator gains a builder registration and its single deposit is a
// container; each operator signs the lock hash (node signatures).
import { builderRegistrationType, builderRegistrationValue, depositDataType, depositDataValue, distributedValidatorBase, distributedValidatorType } from "@/lib/obol/ssz/format";
import type { ObolVersion } from "./types";
import { v1_6 } from "./v1_6";

export const v1_7: ObolVersion = {
  name: "v1.7.0",
  ssz: {
    ...v1_6.ssz,
    distributedValidator: distributedValidatorType({ deposit_data: depositDataType, builder_registration: builderRegistrationType }),
    distributedValidatorValue: (dv) => ({
      ...distributedValidatorBase(dv),
      deposit_data: depositDataValue(dv.deposit_data),
      builder_registration: builderRegistrationValue(dv.builder_registration),
    }),
  },
  lock: { ...v1_6.lock, nodeSignatures: true, builderRegistration: true },
};
