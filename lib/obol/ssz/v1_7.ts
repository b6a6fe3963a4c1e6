// v1.7.0: the lock's validator gains a builder registration; its single deposit is a container.
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
  type VersionFormat,
} from "./format";

export const v1_7: VersionFormat = {
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
};
