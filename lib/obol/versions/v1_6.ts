// v1.6.0: no version-specific definition fields; the lock's deposit data is hashed without its
// own merkleization (a charon bug kept for compatibility: hashDepositDataV1x6), so its four
// fields sit directly in the validator container. The lock has one deposit, no builder
// registration and no node signatures.
import { depositDataType, depositDataValue, distributedValidatorBase, distributedValidatorType } from "@/lib/obol/ssz/format";
import type { ObolVersion } from "./types";

export const v1_6: ObolVersion = {
  name: "v1.6.0",
  ssz: {
    definitionExtras: {},
    definitionExtraValues: () => ({}),
    distributedValidator: distributedValidatorType(
      Object.fromEntries(Object.entries(depositDataType.fields).map(([k, t]) => [`deposit_${k}`, t])),
    ),
    distributedValidatorValue: (dv) => ({
      ...distributedValidatorBase(dv),
      ...Object.fromEntries(Object.entries(depositDataValue(dv.deposit_data)).map(([k, v]) => [`deposit_${k}`, v])),
    }),
  },
  lock: { nodeSignatures: false, builderRegistration: false, partialDeposits: false, compounding: false, targetGasLimit: false },
};
