// v1.9.0: definitions gain consensus_protocol (ByteList[256], charon reuses sszMaxName).
import { utf8Bytes } from "@/lib/obol/hex";
import { byteList, type VersionFormat } from "./format";
import { v1_8 } from "./v1_8";

export const v1_9: VersionFormat = {
  ...v1_8,
  definitionExtras: { ...v1_8.definitionExtras, consensus_protocol: byteList(256) },
  definitionExtraValues: (def) => ({
    ...v1_8.definitionExtraValues(def),
    consensus_protocol: utf8Bytes(def.consensus_protocol ?? "", 256, "consensus_protocol"),
  }),
};
