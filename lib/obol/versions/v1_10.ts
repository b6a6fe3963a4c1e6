// v1.10.0: definitions gain target_gas_limit (uint64), which the builder registrations use, and
// compounding (bool), which selects 0x02 withdrawal credentials and larger default deposits.
import { BooleanType } from "@chainsafe/ssz";
import { uint64 } from "@/lib/obol/ssz/format";
import type { ObolVersion } from "./types";
import { v1_9 } from "./v1_9";

export const v1_10: ObolVersion = {
  name: "v1.10.0",
  ssz: {
    ...v1_9.ssz,
    definitionExtras: {
      ...v1_9.ssz.definitionExtras,
      target_gas_limit: uint64,
      compounding: new BooleanType(),
    },
    definitionExtraValues: (def) => ({
      ...v1_9.ssz.definitionExtraValues(def),
      target_gas_limit: def.target_gas_limit ?? 0,
      compounding: def.compounding ?? false,
    }),
  },
  lock: { ...v1_9.lock, compounding: true, targetGasLimit: true },
};
