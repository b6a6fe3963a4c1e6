// v1.10.0: definitions gain target_gas_limit (uint64) and compounding (bool).
import { BooleanType } from "@chainsafe/ssz";
import { uint64, type VersionFormat } from "./format";
import { v1_9 } from "./v1_9";

export const v1_10: VersionFormat = {
  ...v1_9,
  definitionExtras: {
    ...v1_9.definitionExtras,
    target_gas_limit: uint64,
    compounding: new BooleanType(),
  },
  definitionExtraValues: (def) => ({
    ...v1_9.definitionExtraValues(def),
    target_gas_limit: def.target_gas_limit ?? 0,
    compounding: def.compounding ?? false,
  }),
};
