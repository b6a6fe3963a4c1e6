// v1.9.0: definitions gain consensus_protocol (ByteList[256], charon reuses sszMaxName); the
// lock is laid out as in v1.8.
import { utf8Bytes } from "@/lib/obol/hex";
import { byteList } from "@/lib/obol/ssz/format";
import type { ObolVersion } from "./types";
import { v1_8 } from "./v1_8";

export const v1_9: ObolVersion = {
  name: "v1.9.0",
  ssz: {
    ...v1_8.ssz,
    definitionExtras: { ...v1_8.ssz.definitionExtras, consensus_protocol: byteList(256) },
    definitionExtraValues: (def) => ({
      ...v1_8.ssz.definitionExtraValues(def),
      consensus_protocol: utf8Bytes(def.consensus_protocol ?? "", 256, "consensus_protocol"),
    }),
  },
  lock: v1_8.lock,
};
