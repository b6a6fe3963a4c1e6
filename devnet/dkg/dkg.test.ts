import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hexToBytes, type Hex } from "viem";
import { parseEnr } from "@/lib/obol/enr";
import { secretToPublicKey, sign, thresholdAggregate, verify } from "@/lib/obol/lock/bls-keys";
import { definitionHash, configHash } from "@/lib/obol/ssz";
import { lockSchema, type Definition, type Lock } from "@/lib/obol/schema";
import { goldenChainData } from "@/lib/obol/testdata/golden-input";
import { verifyLock, type VerifyResult } from "@/lib/obol/verify";
import { signedTestCluster, type SignedTestCluster } from "./fixture";
import { depositAmountsGwei, operatorEnr, runTestDkg, type TestDkgResult } from "./index";
import goldenDefinition from "@/lib/obol/testdata/definition-golden.json";

const flipByte = (hex: string, index = 10): Hex => {
  const pos = 2 + index * 2 + 1;
  return `${hex.slice(0, pos)}${(parseInt(hex[pos], 16) ^ 1).toString(16)}${hex.slice(pos + 1)}` as Hex;
};

/** Names of every check that is not true (false, or null where a value was expected). */
function notPassing(r: VerifyResult): string[] {
  const out: string[] = [];
  for (const k of ["config_hash", "definition_hash", "lock_hash"] as const) if (!r[k]?.ok) out.push(k);
  for (const k of ["creator_signature", "signature_aggregate"] as const) if (r[k] !== true) out.push(k);
  for (const k of ["operator_config_signatures", "enr_signatures", "node_signatures"] as const)
    (r[k] ?? [null]).forEach((s, i) => s !== true && out.push(`${k}[${i}]`));
  (r.validators ?? [null]).forEach((v, i) =>
    (["public_shares", "deposit_data", "builder_registration"] as const).forEach((c) => v?.[c] !== true && out.push(`validators[${i}].${c}`)),
  );
  return out;
}

let cluster: SignedTestCluster;
let result: TestDkgResult;
beforeAll(async () => {
  cluster = await signedTestCluster();
  result = await runTestDkg({ ...cluster, seed: "dkg test" });
});

describe("runTestDkg on a fully signed v1.10 definition (4 operators, threshold 3)", () => {
  it("produces a lock on which every check of verifyLock passes", async () => {
    const r = await verifyLock(result.lock);
    expect(notPassing(r)).toEqual([]);
    expect(r).toMatchObject({ ok: true, complete: true, problems: [], node_signatures: [true, true, true, true] });
  });

  it("deposits to the withdrawal address with 0x01 credentials, charon's default amounts, and registers at genesis", async () => {
    const dv = (await verifyLock(result.lock)).bls!.validators[0];
    const eigenPod = goldenChainData.eigenPodAddr.toLowerCase();
    expect(dv.details.deposit_data.map((d) => [d.withdrawal.type, d.withdrawal.address, d.amount_gwei])).toEqual([
      ["0x01", eigenPod, "1000000000"],
      ["0x01", eigenPod, "32000000000"],
    ]);
    expect(dv.details.builder_registration).toMatchObject({
      fee_recipient: goldenChainData.splitAddr.toLowerCase(),
      gas_limit: 36_000_000,
      timestamp: 1742213400, // Hoodi genesis
    });
  });

  it("writes charon's JSON layout for v1.10", () => {
    const json = JSON.parse(JSON.stringify(result.json));
    expect(Object.keys(json)).toEqual(["cluster_definition", "distributed_validators", "signature_aggregate", "lock_hash", "node_signatures"]);
    expect(Object.keys(json.distributed_validators[0])).toEqual([
      "distributed_public_key",
      "public_shares",
      "builder_registration",
      "partial_deposit_data",
    ]);
    // The definition inside the lock keeps charon's v1.10 key order (the golden file's).
    expect(Object.keys(json.cluster_definition)).toEqual(Object.keys(goldenDefinition));
    // charon's k1util signatures end in the recovery id 0 or 1.
    for (const sig of json.node_signatures) expect(sig).toMatch(/^0x[0-9a-f]{128}0[01]$/);
  });

  it("splits a key of which any 3 shares sign for the distributed key", () => {
    const { secretKey, secretShares } = result.keys[0];
    const dvKey = hexToBytes(result.lock.distributed_validators[0].distributed_public_key as Hex);
    expect(secretToPublicKey(secretKey)).toEqual(dvKey);
    const msg = new TextEncoder().encode("any message");
    for (const subset of [[1, 2, 3], [1, 3, 4], [2, 3, 4]]) {
      const sig = thresholdAggregate(new Map(subset.map((i) => [i, sign(secretShares[i - 1], msg)])));
      expect(verify(dvKey, msg, sig)).toBe(true);
    }
    const two = thresholdAggregate(new Map([1, 2].map((i) => [i, sign(secretShares[i - 1], msg)])));
    expect(verify(dvKey, msg, two)).toBe(false);
  });

  it("is reproducible from a seed and fresh without one", async () => {
    const again = await runTestDkg({ ...cluster, seed: "dkg test" });
    expect(JSON.stringify(again.json)).toBe(JSON.stringify(result.json));
    const other = await runTestDkg({ ...cluster, seed: "another seed", noVerify: true });
    const random = await runTestDkg({ ...cluster, noVerify: true });
    const key = (r: TestDkgResult) => r.lock.distributed_validators[0].distributed_public_key;
    expect(new Set([key(result), key(other), key(random)]).size).toBe(3);
  });

  it("passes npm run verify (exit 0)", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "test-dkg-")), "cluster-lock.json");
    writeFileSync(file, JSON.stringify(result.json, null, 2));
    const root = path.resolve(import.meta.dirname, "../..");
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/verify.ts", file], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: "lock", version: "v1.10.0", ok: true, complete: true });
  });
});

describe("mutations of the produced lock are caught", () => {
  const mutated = (change: (json: any) => void): Lock => {
    const json = JSON.parse(JSON.stringify(result.json));
    change(json);
    return lockSchema.parse(json);
  };

  it("one byte of a public share", async () => {
    const r = await verifyLock(mutated((j) => (j.distributed_validators[0].public_shares[2] = flipByte(j.distributed_validators[0].public_shares[2]))));
    expect(r.ok).toBe(false);
    expect(r.validators![0].public_shares).toBe(false);
    expect(r.signature_aggregate).toBe(false);
  });

  it("one byte of a deposit signature", async () => {
    const r = await verifyLock(mutated((j) => {
      const dd = j.distributed_validators[0].partial_deposit_data[1];
      dd.signature = flipByte(dd.signature, 40);
    }));
    expect(r.ok).toBe(false);
    expect(r.validators![0]).toMatchObject({ public_shares: true, deposit_data: false, builder_registration: true });
  });

  it("one byte of a node signature", async () => {
    const r = await verifyLock(mutated((j) => (j.node_signatures[1] = flipByte(j.node_signatures[1], 5))));
    expect(r.ok).toBe(false);
    expect(r.node_signatures).toEqual([true, false, true, true]);
  });

  it("a lock whose deposit goes elsewhere (withdrawalAddress override)", async () => {
    const other = await runTestDkg({ ...cluster, seed: "dkg test", withdrawalAddress: "0x000000000000000000000000000000000000dEaD" });
    const r = await verifyLock(other.lock);
    expect(r.validators![0].deposit_data).toBe(false);
    expect(r.bls!.validators[0].details.deposit_data_reason).toMatch(/withdrawal credentials/);
  });
});

describe("older lock versions", () => {
  /** The fixture relabelled and rehashed; its EIP-712 signatures no longer match, hence noVerify. */
  const relabelled = (version: Definition["version"]): Definition => {
    const def: Definition = { ...cluster.definition, version };
    const withConfig = { ...def, config_hash: configHash(def) };
    return { ...withConfig, definition_hash: definitionHash(withConfig) };
  };

  it.each([
    ["v1.6.0", ["cluster_definition", "distributed_validators", "signature_aggregate", "lock_hash"], ["distributed_public_key", "public_shares", "deposit_data"]],
    ["v1.7.0", ["cluster_definition", "distributed_validators", "signature_aggregate", "lock_hash", "node_signatures"], ["distributed_public_key", "public_shares", "deposit_data", "builder_registration"]],
    ["v1.8.0", ["cluster_definition", "distributed_validators", "signature_aggregate", "lock_hash", "node_signatures"], ["distributed_public_key", "public_shares", "builder_registration", "partial_deposit_data"]],
  ] as const)("%s: charon's layout, and every lock-level check passes", async (version, lockKeys, dvKeys) => {
    const { json, lock } = await runTestDkg({ ...cluster, definition: relabelled(version), seed: version, noVerify: true });
    expect(Object.keys(json)).toEqual(lockKeys);
    expect(Object.keys(json.distributed_validators![0])).toEqual(dvKeys);
    const r = await verifyLock(lock);
    expect(r.lock_hash?.ok).toBe(true);
    expect(r.signature_aggregate).toBe(true);
    expect(r.validators![0]).toEqual({
      public_shares: true,
      deposit_data: true,
      builder_registration: version === "v1.6.0" ? null : true,
    });
    if (version !== "v1.6.0") expect(r.node_signatures).toEqual([true, true, true, true]);
  });

  it("uses one 32 ETH deposit before v1.8 and the definition's amounts from v1.8", () => {
    expect(depositAmountsGwei(relabelled("v1.7.0"))).toEqual([32_000_000_000n]);
    expect(depositAmountsGwei({ ...cluster.definition, deposit_amounts: ["32000000000", "1000000000", "32000000000"] })).toEqual([
      1_000_000_000n,
      32_000_000_000n,
    ]);
  });
});

describe("refusals and ENRs", () => {
  it("refuses an incomplete definition or keys that are not the operators' ENR keys", async () => {
    const incomplete = { ...cluster.definition, operators: cluster.definition.operators.map((o, i) => (i === 2 ? { ...o, enr: "" } : o)) };
    await expect(runTestDkg({ ...cluster, definition: incomplete })).rejects.toThrow(/operator 2 has no valid ENR/);
    const swapped = [cluster.operatorKeys[1], cluster.operatorKeys[0], ...cluster.operatorKeys.slice(2)];
    await expect(runTestDkg({ ...cluster, operatorKeys: swapped })).rejects.toThrow(/operator key 0/);
    const tampered = { ...cluster.definition, name: "renamed" };
    await expect(runTestDkg({ ...cluster, definition: tampered })).rejects.toThrow(/does not verify/);
  });

  it("operatorEnr writes a valid ENR with the endpoint", () => {
    const r = parseEnr(operatorEnr(cluster.operatorKeys[0], { ip: "192.168.1.20", tcp: 3610, udp: 30 }));
    expect(r).toMatchObject({ ok: true, enr: { ip: "192.168.1.20", tcp: 3610, udp: 30 } });
    expect(() => operatorEnr(cluster.operatorKeys[0], { ip: "1.2.3" })).toThrow(/IPv4/);
  });
});
