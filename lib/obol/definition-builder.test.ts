import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex } from "viem";
import {
  buildDefinition,
  clusterUuid,
  rfc3339,
  signCreator,
  threshold,
  withOperatorRegistrations,
} from "@/lib/obol/definition-builder";
import { enrTypedData, operatorConfigHashTypedData } from "@/lib/obol/eip712";
import { definitionSchema } from "@/lib/obol/schema";
import { configHash } from "@/lib/obol/ssz";
import { buildEnr, testKey } from "@/lib/obol/testdata/enr-builder";
import { goldenChainData, goldenCreator, goldenOperators } from "@/lib/obol/testdata/golden-input";
import { verifyDefinition } from "@/lib/obol/verify";

const creator = goldenCreator;
const operators = goldenOperators;

const golden = readFileSync(new URL("./testdata/definition-golden.json", import.meta.url), "utf8");

describe("buildDefinition", () => {
  it("matches the committed golden JSON, key order included", () => {
    expect(`${JSON.stringify(buildDefinition(goldenChainData, creator.address), null, 2)}\n`).toBe(golden);
  });

  it("parses as a v1.10 definition whose hashes verify", async () => {
    const def = definitionSchema.parse(JSON.parse(golden));
    const r = await verifyDefinition(def);
    expect(r.config_hash.ok && r.definition_hash.ok).toBe(true);
    expect(r.ok).toBe(true);
    expect(r.complete).toBe(false);
  });

  it("derives the same config hash from a Date or unix seconds", () => {
    const a = buildDefinition(goldenChainData, creator.address);
    const b = buildDefinition({ ...goldenChainData, createdAt: new Date(1721405998_000) }, creator.address);
    expect(b.config_hash).toBe(a.config_hash);
  });

  it("follows docs/obol.md, the derived definition", () => {
    expect(clusterUuid(goldenChainData.clusterId)).toBe("0194FDC2-FA2F-4CC0-81D3-FF12045B73C8");
    expect(rfc3339(1721405998)).toBe("2024-07-19T16:19:58Z");
    expect([1, 2, 3, 4, 7].map(threshold)).toEqual([1, 2, 2, 3, 5]);
  });

  it("rejects input it cannot turn into a definition", () => {
    expect(() => buildDefinition({ ...goldenChainData, order: 0 }, creator.address)).toThrow(/order/);
    expect(() => buildDefinition({ ...goldenChainData, operators: [] }, creator.address)).toThrow(/operators/);
    expect(() => buildDefinition({ ...goldenChainData, clusterId: "0x01" }, creator.address)).toThrow(/32 bytes/);
  });
});

describe("sign and register round trip", () => {
  it("build -> creator signs -> operators register -> every check passes", async () => {
    let def = await signCreator(buildDefinition(goldenChainData, creator.address), creator);
    const unsignedConfigHash = def.config_hash;

    const regs = await Promise.all(
      operators.map(async (account, i) => {
        const enr = buildEnr(testKey(21 + i));
        return {
          address: account.address,
          enr,
          config_signature: await account.signTypedData(operatorConfigHashTypedData(def.config_hash, def.fork_version)),
          enr_signature: await account.signTypedData(enrTypedData(enr, def.fork_version)),
        };
      }),
    );

    // Registrations arrive in any order and one at a time.
    def = withOperatorRegistrations(def, [regs[2]]);
    let r = await verifyDefinition(def);
    expect(r.ok).toBe(true);
    expect(r.complete).toBe(false);
    expect(r.operator_config_signatures).toEqual([null, null, true, null]);

    def = withOperatorRegistrations(def, [regs[3], regs[0], regs[1], regs[2]]);
    r = await verifyDefinition(def);
    expect(def.config_hash).toBe(unsignedConfigHash);
    expect(configHash(def)).toBe(unsignedConfigHash);
    expect(r).toMatchObject({
      config_hash: { ok: true },
      definition_hash: { ok: true },
      creator_signature: true,
      operator_config_signatures: [true, true, true, true],
      enr_signatures: [true, true, true, true],
      problems: [],
      complete: true,
      ok: true,
    });
    expect(r.enrs[1]).toEqual({ ok: true, publicKey: bytesToHex(secp256k1.getPublicKey(testKey(22), true)) });
  });

  it("refuses to sign for another creator or register a stranger", async () => {
    const def = buildDefinition(goldenChainData, creator.address);
    await expect(signCreator(def, operators[0])).rejects.toThrow(/not the definition's creator/);
    expect(() =>
      withOperatorRegistrations(def, [{ address: creator.address, enr: "", config_signature: "0x", enr_signature: "0x" }]),
    ).toThrow(/not an operator/);
  });
});
