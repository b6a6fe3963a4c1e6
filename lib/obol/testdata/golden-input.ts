// Fixed input of the definition-builder golden file (testdata/definition-golden.json).
import { privateKeyToAccount } from "viem/accounts";
import type { ClusterChainData } from "@/lib/obol/definition-builder";
import { testKeyHex } from "./enr-builder";

export const goldenCreator = privateKeyToAccount(testKeyHex(10));
export const goldenOperators = [11, 12, 13, 14].map((n) => privateKeyToAccount(testKeyHex(n)));

/** Hoodi fork version, ClusterCreated at 2024-07-19T16:19:58Z. */
export const goldenChainData: ClusterChainData = {
  order: 7,
  clusterId: "0x0194fdc2fa2f4cc081d3ff12045b73c8a1b2c3d4e5f60718293a4b5c6d7e8f90",
  createdAt: 1721405998,
  operators: goldenOperators.map((a) => a.address),
  splitAddr: "0x52fdfc072182654f163f5f0f9a621d729566c74d",
  eigenPodAddr: "0x81855ad8681d0d86d1e91e00167939cb6694d2c4",
  forkVersion: "0x10000910",
};
