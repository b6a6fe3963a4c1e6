// Each check of verify.ts against the real launchpad lock: all pass as published, and a one-byte
// change fails exactly the checks that cover that byte. Where charon chains checks (a signature
// inside the definition hash, a node signature over the lock hash), hashes are recomputed after
// the mutation ("resealed") so the forged signature is the only thing wrong.
import { describe, expect, it } from "vitest";
import { definitionSchema, lockSchema, type Definition, type Lock } from "@/lib/obol/schema";
import { definitionHash, lockHash } from "@/lib/obol/ssz";
import { describeVectors, LAUNCHPAD_LOCK, LAUNCHPAD_LOCK_SIGNATURES, loadVector } from "@/lib/obol/testdata/vectors";
import { verifyDefinition, verifyLock, type VerifyResult } from "@/lib/obol/verify";

/** Flips the low bit of the hex digit at byte `index` of a 0x-hex string. */
function flipByte(hex: string, index = 10): `0x${string}` {
  const pos = 2 + index * 2 + 1;
  const digit = parseInt(hex[pos], 16) ^ 1;
  return `${hex.slice(0, pos)}${digit.toString(16)}${hex.slice(pos + 1)}` as `0x${string}`;
}

const launchpadLock = (): Lock => lockSchema.parse(loadVector(LAUNCHPAD_LOCK));
const launchpadDefinition = (): Definition => definitionSchema.parse(loadVector(LAUNCHPAD_LOCK).cluster_definition);
const reseal = (def: Definition): Definition => ({ ...def, definition_hash: definitionHash(def) });

/** Names of every failing check ("config_hash", "node_signatures[2]", ...). */
function failing(r: VerifyResult): string[] {
  const out: string[] = [];
  for (const k of ["config_hash", "definition_hash", "lock_hash"] as const) if (r[k] && !r[k]!.ok) out.push(k);
  if (r.creator_signature === false) out.push("creator_signature");
  if (r.signature_aggregate === false) out.push("signature_aggregate");
  for (const k of ["operator_config_signatures", "enr_signatures", "node_signatures"] as const)
    (r[k] ?? []).forEach((s, i) => s === false && out.push(`${k}[${i}]`));
  (r.validators ?? []).forEach((v, i) =>
    (["public_shares", "deposit_data", "builder_registration"] as const).forEach((c) => v[c] === false && out.push(`validators[${i}].${c}`)),
  );
  return out;
}

describeVectors("the launchpad-signed lock", () => {
  it("passes every check", async () => {
    const r = await verifyLock(launchpadLock());
    expect(failing(r)).toEqual([]);
    expect(r).toMatchObject({
      ...LAUNCHPAD_LOCK_SIGNATURES,
      problems: [],
      complete: true,
      ok: true,
    });
  });
});

describeVectors("one-byte mutations of the launchpad definition", () => {
  it("creator config signature (resealed): only creator_signature fails", async () => {
    const def = launchpadDefinition();
    def.creator.config_signature = flipByte(def.creator.config_signature);
    expect(failing(await verifyDefinition(reseal(def)))).toEqual(["creator_signature"]);
  });

  it("operator config signature (resealed): only that operator's config signature fails", async () => {
    const def = launchpadDefinition();
    def.operators[2].config_signature = flipByte(def.operators[2].config_signature);
    expect(failing(await verifyDefinition(reseal(def)))).toEqual(["operator_config_signatures[2]"]);
  });

  it("operator ENR signature (resealed): only that operator's ENR signature fails", async () => {
    const def = launchpadDefinition();
    def.operators[1].enr_signature = flipByte(def.operators[1].enr_signature);
    expect(failing(await verifyDefinition(reseal(def)))).toEqual(["enr_signatures[1]"]);
  });

  it("stored definition_hash: only definition_hash fails", async () => {
    const def = launchpadDefinition();
    def.definition_hash = flipByte(def.definition_hash);
    expect(failing(await verifyDefinition(def))).toEqual(["definition_hash"]);
  });

  it("a config field (name): config_hash and definition_hash fail, signatures over the stored hash hold", async () => {
    const def = launchpadDefinition();
    def.name = "test clusteR";
    expect(failing(await verifyDefinition(def))).toEqual(["config_hash", "definition_hash"]);
  });

  it("stored config_hash (resealed): config_hash fails and so does every signature of it", async () => {
    const def = launchpadDefinition();
    def.config_hash = flipByte(def.config_hash);
    expect(failing(await verifyDefinition(reseal(def)))).toEqual([
      "config_hash",
      "creator_signature",
      ...[0, 1, 2, 3].map((i) => `operator_config_signatures[${i}]`),
    ]);
  });

  it("an ENR (resealed): its ENR signature fails and the ENR itself is rejected", async () => {
    const def = launchpadDefinition();
    const enr = def.operators[3].enr;
    def.operators[3].enr = enr.slice(0, 20) + (enr[20] === "A" ? "B" : "A") + enr.slice(21);
    const r = await verifyDefinition(reseal(def));
    expect(failing(r)).toEqual(["enr_signatures[3]"]);
    expect(r.enrs[3]).toMatchObject({ ok: false });
    expect(r.problems).toEqual([expect.stringMatching(/^operator 3 ENR: /)]);
    expect(r.ok).toBe(false);
  });
});

describeVectors("one-byte mutations of the launchpad lock", () => {
  it("a node signature: only that node signature fails", async () => {
    const lock = launchpadLock();
    lock.node_signatures[3] = flipByte(lock.node_signatures[3], 5);
    expect(failing(await verifyLock(lock))).toEqual(["node_signatures[3]"]);
  });

  it("a distributed validator field: lock_hash fails, and the BLS checks covering it", async () => {
    const lock = launchpadLock();
    lock.distributed_validators[1].builder_registration!.message.gas_limit += 1;
    expect(failing(await verifyLock(lock))).toEqual(["lock_hash", "signature_aggregate", "validators[1].builder_registration"]);
  });

  it("stored lock_hash: lock_hash fails and every node signature of it", async () => {
    const lock = launchpadLock();
    lock.lock_hash = flipByte(lock.lock_hash);
    expect(failing(await verifyLock(lock))).toEqual(["lock_hash", ...[0, 1, 2, 3].map((i) => `node_signatures[${i}]`)]);
  });

  it("the signature aggregate: only signature_aggregate fails", async () => {
    const lock = launchpadLock();
    lock.signature_aggregate = flipByte(lock.signature_aggregate, 40);
    expect(failing(await verifyLock(lock))).toEqual(["signature_aggregate"]);
  });

  it("a missing node signature is a problem, not a pass", async () => {
    const lock = launchpadLock();
    lock.node_signatures.pop();
    const r = await verifyLock({ ...lock, lock_hash: lockHash(lock) });
    expect(r.node_signatures?.[3]).toBeNull();
    expect(r.problems).toContain("3 node signatures for 4 operators");
    expect(r.ok).toBe(false);
  });
});

describeVectors("charon's whole-file rules", () => {
  it("rejects operator signatures without a creator signature", async () => {
    const def = launchpadDefinition();
    def.creator.config_signature = "";
    const r = await verifyDefinition(reseal(def));
    expect(r.creator_signature).toBeNull();
    expect(r.problems).toContain("operators signed while the creator did not");
    expect(r.ok).toBe(false);
  });

  it("rejects two operators with the same ENR", async () => {
    const def = launchpadDefinition();
    def.operators[1].enr = def.operators[0].enr;
    expect((await verifyDefinition(reseal(def))).problems).toContain("operators 0 and 1 have the same ENR");
  });

  it("reports an unknown fork version instead of throwing", async () => {
    const def = launchpadDefinition();
    def.fork_version = "0x12345678";
    const r = await verifyDefinition(def);
    expect(r.creator_signature).toBe(false);
    expect(r.problems[0]).toMatch(/no known chain id/);
  });
});
