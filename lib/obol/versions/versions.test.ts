// Supporting a charon version is one object: a made-up v1.99.0 registered here goes through the
// schema, the hashes, the test DKG and every lock check with nothing else changed.
import { ContainerType } from "@chainsafe/ssz";
import { describe, expect, it } from "vitest";
import { runTestDkg } from "@/devnet/dkg";
import { signedTestCluster } from "@/devnet/dkg/fixture";
import { definitionSchema, lockSchema } from "@/lib/obol/schema";
import type { Fields } from "@/lib/obol/ssz/format";
import { configHash, lockHash } from "@/lib/obol/ssz";
import golden from "@/lib/obol/testdata/definition-golden.json";
import { verifyLock } from "@/lib/obol/verify";
import { isSupportedVersion, obolVersion, registerVersion, supportedVersions, type ObolVersion } from "./index";
import { v1_10 } from "./v1_10";

/** v1.10 without builder registrations: neither in the lock's JSON nor in its SSZ container. */
const v1_99: ObolVersion = {
  name: "v1.99.0",
  ssz: {
    ...v1_10.ssz,
    distributedValidator: new ContainerType<Fields>(
      Object.fromEntries(Object.entries(v1_10.ssz.distributedValidator.fields).filter(([name]) => name !== "builder_registration")),
    ),
    distributedValidatorValue: (dv) => {
      const { builder_registration: _, ...rest } = v1_10.ssz.distributedValidatorValue(dv);
      return rest;
    },
  },
  lock: { ...v1_10.lock, builderRegistration: false },
};

const refusal =
  'unsupported definition version "v1.99.0": this portal reads v1.6.0, v1.7.0, v1.8.0, v1.9.0, v1.10.0';

describe("the version table", () => {
  it("lists charon's versions v1.6 to v1.10", () => {
    expect(supportedVersions()).toEqual(["v1.6.0", "v1.7.0", "v1.8.0", "v1.9.0", "v1.10.0"]);
  });

  it("refuses an unknown version with a sentence naming those it reads, in the schema and in the hashes", () => {
    const parsed = definitionSchema.safeParse({ ...golden, version: "v1.99.0" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ["version"], message: refusal })]);
    expect(() => configHash({ ...definitionSchema.parse(golden), version: "v1.99.0" })).toThrow(refusal);
    expect(() => obolVersion("v1.99.0")).toThrow(refusal);
  });

  it("takes a made-up version from one object: schema, hashes, test DKG and lock checks follow it", async () => {
    registerVersion(v1_99);
    expect(isSupportedVersion("v1.99.0")).toBe(true);
    expect(() => registerVersion(v1_99)).toThrow("already registered");

    const cluster = await signedTestCluster(undefined, { version: "v1.99.0", compounding: true });
    const { json, lock } = await runTestDkg({ ...cluster, seed: "v1.99" });
    const dv = json.distributed_validators![0];
    // The layout: no builder registration; node signatures, partial deposits and 0x02 credentials as v1.10.
    expect(dv.builder_registration).toBeUndefined();
    expect(json.node_signatures).toHaveLength(4);
    expect(dv.partial_deposit_data!.map((d) => d.amount)).toEqual(["1000000000", "8000000000", "32000000000", "256000000000"]);
    expect(dv.partial_deposit_data!.every((d) => d.withdrawal_credentials.startsWith("0x02"))).toBe(true);

    const r = await verifyLock(lock);
    expect(r).toMatchObject({ version: "v1.99.0", ok: true, complete: true, problems: [] });
    expect(r.node_signatures).toEqual([true, true, true, true]);
    expect(r.validators).toEqual([{ public_shares: true, deposit_data: true, builder_registration: null }]);
    expect((await verifyLock(lock, { lockOnly: true })).ok).toBe(true);

    // The SSZ container is the file's: a registration added to the JSON leaves the lock hash as it
    // is (under v1.10 it would change it), and the BLS checks refuse it as foreign to the layout.
    const builder_registration = {
      message: { fee_recipient: `0x${"11".repeat(20)}`, gas_limit: 36_000_000, timestamp: 1742213400, pubkey: dv.distributed_public_key },
      signature: `0x${"22".repeat(96)}`,
    };
    const withRegistration = lockSchema.parse({ ...json, distributed_validators: [{ ...dv, builder_registration }] });
    expect(lockHash(withRegistration)).toBe(lock.lock_hash);
    const foreign = await verifyLock(withRegistration);
    expect(foreign.ok).toBe(false);
    expect(foreign.bls?.validators[0].details.builder_registration_reason).toBe("unexpected builder registration in a v1.99.0 lock");
  });
});
