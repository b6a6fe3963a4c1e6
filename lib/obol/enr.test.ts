import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, toRlp } from "viem";
import { parseEnr } from "@/lib/obol/enr";
import { buildEnr, testKey } from "@/lib/obol/testdata/enr-builder";
import { itVectors, LAUNCHPAD_LOCK, loadVector } from "@/lib/obol/testdata/vectors";

const rejects = (enr: string, reason: RegExp) => {
  const r = parseEnr(enr);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.reason).toMatch(reason);
};

describe("parseEnr", () => {
  itVectors("accepts every ENR of the launchpad lock (charon create enr)", () => {
    const operators = loadVector(LAUNCHPAD_LOCK).cluster_definition.operators;
    const keys = operators.map((o: { enr: string }) => {
      const r = parseEnr(o.enr);
      expect(r.ok).toBe(true);
      return r.ok ? r.enr : null;
    });
    expect(keys[0]).toEqual({
      publicKey: "0x031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f",
      seq: 0n,
      signature: expect.stringMatching(/^0x[0-9a-f]{128}$/),
      keys: ["id", "secp256k1"],
    });
  });

  it("decodes ip, tcp and udp for display", () => {
    const enr = buildEnr(testKey(7), {
      extra: { ip: new Uint8Array([10, 0, 0, 7]), tcp: new Uint8Array([0x0d, 0x96]), udp: new Uint8Array([0x0d, 0x97]) },
    });
    const r = parseEnr(enr);
    expect(r.ok && r.enr).toMatchObject({
      publicKey: bytesToHex(secp256k1.getPublicKey(testKey(7), true)),
      ip: "10.0.0.7",
      tcp: 3478,
      udp: 3479,
      keys: ["id", "ip", "secp256k1", "tcp", "udp"],
    });
  });

  it("accepts the padded base64 of charon <= v0.9", () => {
    const enr = buildEnr(testKey(3));
    expect(parseEnr(`${enr}==`).ok).toBe(true);
  });

  it("rejects a missing prefix", () => rejects(buildEnr(testKey(1)).slice(4), /starts with "enr:"/));
  it("rejects bad base64", () => rejects("enr:-HW4Q$$", /not valid base64url/));
  it("rejects bad RLP", () => rejects(`enr:${Buffer.from([0xf8, 0x05, 1]).toString("base64url")}`, /not valid RLP/));
  it("rejects a non-list", () => rejects(`enr:${Buffer.from(toRlp("0x1234", "bytes")).toString("base64url")}`, /not an RLP list/));
  it("rejects a nested list", () =>
    rejects(`enr:${Buffer.from(toRlp(["0x01", ["0x02"], "0x03", "0x04"], "bytes")).toString("base64url")}`, /nested list/));
  it("rejects too few elements", () =>
    rejects(`enr:${Buffer.from(toRlp(["0x01", "0x02"], "bytes")).toString("base64url")}`, /too few elements/));
  it("rejects unsorted keys", () => rejects(buildEnr(testKey(1), { sort: false }), /not sorted/));
  it("rejects a missing id", () => rejects(buildEnr(testKey(1), { omit: ["id"] }), /no identity scheme/));
  it("rejects an unknown id", () =>
    rejects(buildEnr(testKey(1), { extra: { id: new TextEncoder().encode("v5") } }), /"v5" is not supported/));
  it("rejects a missing key", () => rejects(buildEnr(testKey(1), { omit: ["secp256k1"] }), /no "secp256k1"/));
  it("rejects an uncompressed key", () =>
    rejects(buildEnr(testKey(1), { extra: { secp256k1: secp256k1.getPublicKey(testKey(1), false) } }), /65 bytes/));
  it("rejects a key off the curve", () =>
    rejects(buildEnr(testKey(1), { extra: { secp256k1: Uint8Array.from([2, ...new Uint8Array(32).fill(0xff)]) } }), /not a point/));
  it("rejects a bad signature", () => rejects(buildEnr(testKey(1), { corruptSignature: true }), /does not match/));
  it("rejects a record signed by another key", () => {
    const other = buildEnr(testKey(2), { extra: { secp256k1: secp256k1.getPublicKey(testKey(1), true) } });
    rejects(other, /does not match/);
  });
  itVectors("rejects a one-character change of a real ENR", () => {
    const enr: string = loadVector(LAUNCHPAD_LOCK).cluster_definition.operators[0].enr;
    const i = enr.length - 5;
    rejects(enr.slice(0, i) + (enr[i] === "A" ? "B" : "A") + enr.slice(i + 1), /does not match|not a point/);
  });
});
