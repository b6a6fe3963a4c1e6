import { describe, expect, it } from "vitest";
import { definitionSchema, lockSchema, parseClusterFile, type Definition } from "@/lib/obol/schema";
import { configHash, definitionHash, lockHash } from "@/lib/obol/ssz";
import { describeVectors, loadVector, vectorFiles } from "@/lib/obol/testdata/vectors";

describeVectors("charon vectors", () => {
  it.each(vectorFiles)("%s: every hash matches the file", (file) => {
    const parsed = parseClusterFile(loadVector(file));
    const def = parsed.kind === "lock" ? parsed.lock.cluster_definition : parsed.definition;
    expect(configHash(def)).toBe(def.config_hash);
    expect(definitionHash(def)).toBe(def.definition_hash);
    if (parsed.kind === "lock") expect(lockHash(parsed.lock)).toBe(parsed.lock.lock_hash);
  });

  it("covers v1.6, v1.7, v1.8 and v1.10 definitions and locks", () => {
    const versions = vectorFiles.map((f) => {
      const json = loadVector(f);
      return (json.cluster_definition ?? json).version;
    });
    expect(new Set(versions)).toEqual(new Set(["v1.6.0", "v1.7.0", "v1.8.0", "v1.10.0"]));
  });
});

// charon's own golden config hashes (cluster/ssz_internal_test.go, baseDef): the only pin
// for v1.9, which has no vector file.
describe("charon ssz_internal_test golden config hashes", () => {
  const a = (c: string) => `0x${c.repeat(40)}`;
  const base = (version: string, extra: Partial<Definition> = {}) =>
    definitionSchema.parse({
      uuid: "f4c00e58-1a54-4e55-8d76-2b2a6d4c3f9a",
      name: "test-cluster-3of4",
      version,
      timestamp: "2024-06-15T12:00:00Z",
      num_validators: 2,
      threshold: 3,
      dkg_algorithm: "default",
      fork_version: "0x00001020",
      operators: ["1", "2", "3"].map((c) => ({ address: a(c) })),
      creator: { address: a("1") },
      validators: [0, 1].map(() => ({ fee_recipient_address: a("a"), withdrawal_address: a("b") })),
      config_hash: `0x${"00".repeat(32)}`,
      definition_hash: `0x${"00".repeat(32)}`,
      ...extra,
    });

  it.each([
    ["v1.7.0", {}, "c0ade8b834d7731f4076d364472be55974a9cb23ed97cc828bf5661b1df1c564"],
    ["v1.8.0", { deposit_amounts: ["32000000000"] }, "cbdb72b363a735e1f469cbd7983734d524001a68dcf3ab71153d69892fa0e36c"],
    [
      "v1.9.0",
      { deposit_amounts: ["32000000000"], consensus_protocol: "abft" },
      "8c55a5a65d8f8dbecaf6fbd39a11c2e701ce3aba1dd7fdd212a35c2e196db34f",
    ],
    [
      "v1.10.0",
      { deposit_amounts: ["32000000000"], consensus_protocol: "abft", target_gas_limit: 30000000, compounding: true },
      "5e16fdd44a25d37ebce15ea9d2069ec9d0930ce8d3a0e9091f82edae5969b306",
    ],
  ] as const)("%s", (version, extra, expected) => {
    expect(configHash(base(version, extra as Partial<Definition>))).toBe(`0x${expected}`);
  });
});

describeVectors("charon hashing conventions", () => {
  const v110 = () => definitionSchema.parse(loadVector("cluster_definition_v1_10_0.json"));

  it("hashes an unset signature as zero bytes (putBytesN left-pads)", () => {
    const def = v110();
    const unset = { ...def, creator: { ...def.creator, config_signature: "" as const } };
    const zeros = { ...def, creator: { ...def.creator, config_signature: `0x${"00".repeat(65)}` as const } };
    expect(definitionHash(unset)).toBe(definitionHash(zeros));
  });

  it("rejects a field longer than charon's limit", () => {
    expect(() => configHash({ ...v110(), name: "x".repeat(257) })).toThrow(/name: 257 bytes/);
  });

  it("ignores the fields a version does not have", () => {
    const def = definitionSchema.parse(loadVector("cluster_definition_v1_7_0.json"));
    expect(configHash({ ...def, deposit_amounts: ["1"], consensus_protocol: "qbft" })).toBe(def.config_hash);
  });

  it("lets the v1.10 lock hash follow its validators' partial deposits", () => {
    const lock = lockSchema.parse(loadVector("cluster_lock_v1_10_0.json"));
    lock.distributed_validators[0].partial_deposit_data.pop();
    expect(lockHash(lock)).not.toBe(lock.lock_hash);
  });
});
