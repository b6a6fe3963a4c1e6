import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import { aggregateSignatures, randomSecretKey, secretToPublicKey, sign, thresholdAggregate, thresholdSplit } from "./bls-keys";
import { lockSchema } from "@/lib/obol/schema";
import { verifyLockBls, type LockBlsResult } from "./bls";
import { withdrawalCredentials } from "./deposit";
import { signedDeposits } from "@/devnet/dkg/deposits";
import { registrationSigningRoot } from "./registration";
import { describeVectors, loadVector } from "@/lib/obol/testdata/vectors";

type Json = Record<string, any>;

const vector = (name: string): Json => loadVector(`${name}.json`) as Json;

/** The BLS checks of a lock as JSON (parsed as every caller parses it). */
const check = (json: Json, lockHash: Uint8Array) => verifyLockBls(lockSchema.parse(json), lockHash);

/** [public_shares, deposit_data, builder_registration] per DV, plus the aggregate. */
function summary(r: LockBlsResult) {
  return {
    aggregate: r.signature_aggregate,
    dvs: r.validators.map((v) => [v.public_shares, v.deposit_data, v.builder_registration]),
  };
}

/** Flips the lowest bit of byte `index` of a 0x-hex string. */
function flipByte(hex: string, index: number): string {
  const b = hexToBytes(hex as Hex);
  b[index] ^= 1;
  return bytesToHex(b);
}

describeVectors("verifyLockBls on the launchpad-signed v1.7 lock (real DKG output)", () => {
  const lock = vector("launchpad-signed-lock-v1_7_0");
  const lockHash = hexToBytes(lock.lock_hash);
  const baseline = { aggregate: true, dvs: [[true, null, true], [true, null, true], [true, null, true]] };

  it("passes every BLS check; its deposit_data is unpopulated, hence null", async () => {
    const r = await check(lock, lockHash);
    expect(summary(r)).toEqual(baseline);
    expect(r.valid).toBe(true);
    expect(r.details.signature_aggregate.public_share_count).toBe(12);
    const reg = r.validators[0].details.builder_registration;
    expect(reg).toMatchObject({
      fee_recipient: "0xe6a9d54824a121e5bdb8e86021f9778b00fecef6",
      gas_limit: 30000000,
      timestamp: 1616508000,
      timestamp_iso: "2021-03-23T14:00:00.000Z",
      pubkey_matches: true,
      fee_recipient_matches: true,
      signature_valid: true,
    });
    expect(r.validators[0].details.deposit_data_reason).toBe("deposit data not populated");
  });

  it("a changed public share fails that DV's shares and the aggregate (signed by those shares)", async () => {
    const bad = structuredClone(lock);
    bad.distributed_validators[1].public_shares[2] = flipByte(bad.distributed_validators[1].public_shares[2], 47);
    const r = await check(bad, lockHash);
    expect(summary(r)).toEqual({ aggregate: false, dvs: [baseline.dvs[0], [false, null, true], baseline.dvs[2]] });
    expect(r.validators[1].details.public_shares.failing_share).toBe(2);
    expect(r.valid).toBe(false);
  });

  it("a share that is a valid point off the polynomial fails only that DV's shares and the aggregate", async () => {
    const bad = structuredClone(lock);
    bad.distributed_validators[0].public_shares[3] = bytesToHex(secretToPublicKey(randomSecretKey()));
    const r = await check(bad, lockHash);
    expect(summary(r)).toEqual({ aggregate: false, dvs: [[false, null, true], baseline.dvs[1], baseline.dvs[2]] });
    expect(r.validators[0].details.public_shares.reason).toMatch(/share 3 does not lie/);
  });

  it("a changed aggregate fails only signature_aggregate", async () => {
    const bad = structuredClone(lock);
    bad.signature_aggregate = flipByte(bad.signature_aggregate, 60);
    expect(summary(await check(bad, lockHash))).toEqual({ ...baseline, aggregate: false });
    // So does a different lock hash.
    expect((await check(lock, hexToBytes(flipByte(lock.lock_hash, 0) as Hex))).signature_aggregate).toBe(false);
  });

  it("a changed builder registration signature or fee recipient fails only that registration", async () => {
    const badSig = structuredClone(lock);
    badSig.distributed_validators[2].builder_registration.signature = flipByte(
      badSig.distributed_validators[2].builder_registration.signature,
      70,
    );
    expect(summary(await check(badSig, lockHash))).toEqual({
      ...baseline,
      dvs: [baseline.dvs[0], baseline.dvs[1], [true, null, false]],
    });

    const badFee = structuredClone(lock);
    const msg = badFee.distributed_validators[0].builder_registration.message;
    msg.fee_recipient = flipByte(msg.fee_recipient, 19);
    const r = await check(badFee, lockHash);
    expect(summary(r)).toEqual({ ...baseline, dvs: [[true, null, false], baseline.dvs[1], baseline.dvs[2]] });
    expect(r.validators[0].details.builder_registration?.fee_recipient_matches).toBe(false);
  });

  it("a threshold the shares were not split with fails public_shares", async () => {
    const bad = structuredClone(lock);
    bad.cluster_definition.threshold = 2;
    expect(summary(await check(bad, lockHash)).dvs.map((d) => d[0])).toEqual([false, false, false]);
  });
});

describeVectors("verifyLockBls on charon's hash vectors (random bytes, not real signatures)", () => {
  it.each([
    ["cluster_lock_v1_6_0", null],
    ["cluster_lock_v1_7_0", false],
    ["cluster_lock_v1_8_0", false],
    ["cluster_lock_v1_10_0", false],
  ] as const)("%s fails honestly", async (name, registration) => {
    const lock = vector(name);
    const r = await check(lock, hexToBytes(lock.lock_hash));
    expect(summary(r)).toEqual({ aggregate: false, dvs: [[false, false, registration], [false, false, registration]] });
    expect(r.details.signature_aggregate.reason).toMatch(/96 bytes/);
    expect(r.validators[0].details.public_shares.reason).toMatch(/distributed public key/);
    expect(r.valid).toBe(false);
  });
});

/**
 * Builds a lock whose BLS material is genuine: one random key per DV split t-of-n, deposits and
 * registrations signed by t shares and threshold-combined, the aggregate signed by every share.
 */
function buildLock(opts: { version: string; n: number; t: number; dvs: number; compounding?: boolean; amounts: bigint[] }) {
  const forkVersion = "0x10000910";
  const fv = hexToBytes(forkVersion);
  const lockHash = crypto.getRandomValues(new Uint8Array(32));
  const addr = () => bytesToHex(crypto.getRandomValues(new Uint8Array(20)));
  const validators = Array.from({ length: opts.dvs }, () => ({ fee_recipient_address: addr(), withdrawal_address: addr() }));
  const signers = [2, 3, 4].slice(0, opts.t); // 1-based share indices: not just the first t.
  const shareSigs: Uint8Array[] = [];

  const distributed_validators = validators.map((v) => {
    const sk = randomSecretKey();
    const pubkey = secretToPublicKey(sk);
    const shares = thresholdSplit(sk, opts.n, opts.t);
    const thresholdSign = (root: Uint8Array) =>
      bytesToHex(thresholdAggregate(new Map(signers.map((i) => [i, sign(shares[i - 1], root)]))));
    const creds = withdrawalCredentials(v.withdrawal_address as Hex, opts.compounding ? "0x02" : "0x01");
    const deposits = signedDeposits(pubkey, creds, opts.amounts, fv, thresholdSign);
    const reg = { feeRecipient: hexToBytes(v.fee_recipient_address as Hex), gasLimit: 36000000n, timestamp: 1742213400n, pubkey };
    shareSigs.push(...shares.map((s) => sign(s, lockHash)));
    return {
      distributed_public_key: bytesToHex(pubkey),
      public_shares: shares.map((s) => bytesToHex(secretToPublicKey(s))),
      ...(opts.version === "v1.7.0" ? { deposit_data: deposits[0] } : { partial_deposit_data: deposits }),
      builder_registration: {
        message: { fee_recipient: v.fee_recipient_address, gas_limit: 36000000, timestamp: 1742213400, pubkey: bytesToHex(pubkey) },
        signature: thresholdSign(registrationSigningRoot(reg, fv)),
      },
    };
  });

  const zeroHash = `0x${"00".repeat(32)}`;
  const lock = {
    cluster_definition: {
      // Hashes and names are not BLS material: placeholders the schema accepts.
      uuid: "bls-test",
      dkg_algorithm: "default",
      num_validators: opts.dvs,
      config_hash: zeroHash,
      definition_hash: zeroHash,
      version: opts.version,
      threshold: opts.t,
      fork_version: forkVersion,
      operators: Array.from({ length: opts.n }, () => ({ address: addr() })),
      validators,
      ...(opts.compounding === undefined ? {} : { compounding: opts.compounding }),
    },
    distributed_validators,
    signature_aggregate: bytesToHex(aggregateSignatures(shareSigs)),
    lock_hash: zeroHash,
  };
  return { lock: lock as Json, lockHash };
}

describe("verifyLockBls round trip on a freshly split 3-of-4 cluster", () => {
  it("v1.10 compounding with partial deposits: all checks true; mutations fail only their check", async () => {
    const { lock, lockHash } = buildLock({
      version: "v1.10.0",
      n: 4,
      t: 3,
      dvs: 2,
      compounding: true,
      amounts: [1_000_000_000n, 31_000_000_000n],
    });
    const r = await check(lock, lockHash);
    expect(summary(r)).toEqual({ aggregate: true, dvs: [[true, true, true], [true, true, true]] });
    const dep = r.validators[1].details.deposit_data;
    expect(dep.map((d) => d.amount_gwei)).toEqual(["1000000000", "31000000000"]);
    expect(dep[0].withdrawal).toEqual({ type: "0x02", address: lock.cluster_definition.validators[1].withdrawal_address });
    expect(dep[0].deposit_data_root).toMatch(/^0x[0-9a-f]{64}$/);

    const badSig = structuredClone(lock);
    badSig.distributed_validators[0].partial_deposit_data[1].signature = flipByte(
      badSig.distributed_validators[0].partial_deposit_data[1].signature,
      40,
    );
    const rs = await check(badSig, lockHash);
    expect(summary(rs)).toEqual({ aggregate: true, dvs: [[true, false, true], [true, true, true]] });
    expect(rs.validators[0].details.deposit_data.map((d) => d.signature_valid)).toEqual([true, false]);

    const badCreds = structuredClone(lock);
    const deposit = badCreds.distributed_validators[1].partial_deposit_data[0];
    deposit.withdrawal_credentials = flipByte(deposit.withdrawal_credentials, 31);
    const rc = await check(badCreds, lockHash);
    expect(summary(rc)).toEqual({ aggregate: true, dvs: [[true, true, true], [true, false, true]] });
    expect(rc.validators[1].details.deposit_data[0]).toMatchObject({ withdrawal_matches: false, signature_valid: false });
  });

  it("a v1.10 lock that is not compounding must carry 0x01 credentials", async () => {
    const { lock, lockHash } = buildLock({ version: "v1.10.0", n: 4, t: 3, dvs: 1, compounding: true, amounts: [32_000_000_000n] });
    lock.cluster_definition.compounding = false;
    const r = await check(lock, lockHash);
    expect(summary(r)).toEqual({ aggregate: true, dvs: [[true, false, true]] });
    expect(r.validators[0].details.deposit_data[0]).toMatchObject({ signature_valid: true, withdrawal_matches: false });
  });

  it("v1.7 with a single full deposit_data: all checks true", async () => {
    const { lock, lockHash } = buildLock({ version: "v1.7.0", n: 4, t: 3, dvs: 1, amounts: [32_000_000_000n] });
    const r = await check(lock, lockHash);
    expect(summary(r)).toEqual({ aggregate: true, dvs: [[true, true, true]] });
    expect(r.validators[0].details.deposit_data[0].withdrawal.type).toBe("0x01");
  });
});
