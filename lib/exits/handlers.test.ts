import { bytesToHex, getAddress, hexToBytes, type Hex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { CHARON_DEFAULT_EXIT_EPOCH, exitAuthorization, identitySign, partialDepositRequest, partialExitRequest, type OperatorNode } from "@/devnet/charon/exit-client";
import { suiteDatabase, testDatabases } from "@/lib/db/testing";
import { clusterActivity } from "@/lib/activity/events";
import { runTestDkg, type TestDkgResult } from "@/devnet/dkg";
import { signedTestCluster } from "@/devnet/dkg/fixture";
import { partialExitRequestRoot, voluntaryExitSigningRoot } from "@/lib/obol/exit";
import { sign, thresholdAggregate, verify } from "@/lib/obol/lock/bls-keys";
import { depositSigningRoot } from "@/lib/obol/lock/deposit";
import { serverCrypto } from "@/lib/locks/accept";
import { saveLock } from "@/lib/locks/storage";
import { combinedExit, readyExit } from "./exits";
import { exitHandlers } from "./handlers";
import { partialExitsOf } from "./storage";

const base = "http://portal.test";
const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const json = (body: unknown) => (typeof body === "string" ? body : JSON.stringify(body));
const post = (path: string, body: unknown) => new Request(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: json(body) });
const withAuth = (method: string, authorization?: string) => new Request(base, { method, headers: authorization ? { authorization } : {} });

type Answer = { status: number; body: { message?: string } & Record<string, unknown> };
const answer = async (response: Promise<Response>): Promise<Answer> => {
  const r = await response;
  return { status: r.status, body: await r.json() };
};

describe.each(testDatabases())("exit and deposit API on $name", (engine) => {
  const db = suiteDatabase(engine);
  const api = exitHandlers({ db: async () => db, crypto: serverCrypto });
  let dkg: TestDkgResult;
  let lockHash: Hex;
  let pubkey: Hex;
  let nodes: OperatorNode[];
  const exit = { epoch: CHARON_DEFAULT_EXIT_EPOCH, validatorIndex: 42n };

  const share = (i: number) => dkg.keys[0].secretShares[i - 1];
  const exitBody = (i: number, e = exit, node = nodes[i - 1]) => partialExitRequest(node, [{ validatorPubkey: pubkey, secretShare: share(i), exit: e }]);
  const postExit = (body: unknown, hash: Hex = lockHash) => answer(api.postPartialExits(post(`/exp/partial_exits/${hash}`, body), params({ lockHash: hash })));
  const path = (i: number) => ({ lockHash, shareIndex: String(i), validatorPubkey: pubkey });
  const fetchExit = (i: number, authorization?: string) => answer(api.getFullExit(withAuth("GET", authorization), params(path(i))));
  const deleteExit = (i: number, authorization?: string) => answer(api.deletePartialExit(withAuth("DELETE", authorization), params(path(i))));

  beforeAll(async () => {
    const cluster = await signedTestCluster();
    dkg = await runTestDkg({ ...cluster, seed: "exit test" });
    lockHash = dkg.lock.lock_hash.toLowerCase() as Hex;
    pubkey = dkg.lock.distributed_validators[0].distributed_public_key.toLowerCase() as Hex;
    nodes = cluster.operatorKeys.map((key, i) => ({ identityKey: hexToBytes(key), shareIndex: i + 1, forkVersion: dkg.lock.cluster_definition.fork_version as Hex }));
    await saveLock(db, { lockHash, configHash: dkg.lock.cluster_definition.config_hash as Hex, body: dkg.json, postedVia: "seed", postedBy: "test" });
  });

  it("combines three of four partial exits into a signature that verifies against the validator's key", async () => {
    expect(await postExit(exitBody(1))).toMatchObject({ status: 201, body: { partial_exits: [{ validator_pubkey: pubkey, epoch: "194048", outcome: "created" }] } });
    expect(await postExit(exitBody(2))).toMatchObject({ status: 201 });

    const early = await fetchExit(1, exitAuthorization(nodes[0], lockHash, pubkey));
    expect(early.status).toBe(404);
    expect(early.body.message).toMatch(/signed by 3 of the 4 operators yet: so far operator 1 \(epoch 194048, validator index 42\), operator 2/);

    expect(await postExit(exitBody(3))).toMatchObject({ status: 201 });
    const full = await fetchExit(4, exitAuthorization(nodes[3], lockHash, pubkey));
    expect(full.status).toBe(200);
    const body = full.body as unknown as { epoch: string; validator_index: string; signatures: string[] };
    expect(body).toMatchObject({ epoch: "194048", validator_index: "42" });
    expect(body.signatures.map((s) => s !== "")).toEqual([true, true, true, false]);

    // As charon exit fetch does: interpolate the partials at their share indices, verify with the validator key.
    const combined = thresholdAggregate(new Map(body.signatures.flatMap((s, i) => (s ? [[i + 1, hexToBytes(s as Hex)] as const] : []))));
    const root = voluntaryExitSigningRoot(exit, nodes[0].forkVersion);
    expect(verify(hexToBytes(pubkey), root, combined)).toBe(true);
    // Any two partials are not enough.
    expect(verify(hexToBytes(pubkey), root, thresholdAggregate(new Map([[1, hexToBytes(body.signatures[0] as Hex)], [2, hexToBytes(body.signatures[1] as Hex)]])))).toBe(false);

    // Each stored partial is an event of the cluster's activity (migration 8's exits trigger), once.
    const activity = await clusterActivity(db, { configHash: dkg.lock.cluster_definition.config_hash as Hex, operators: [] }, { page: 1 });
    const exitsSigned = activity.events.filter((e) => e.kind === "exits-signed");
    expect(exitsSigned.map((e) => e.actor)).toEqual([3, 2, 1].map((i) => getAddress(dkg.lock.cluster_definition.operators[i - 1].address)));
    expect(exitsSigned[0].title).toMatch(/^0x\w{4}…\w{4} signed the exit of validator 0x[0-9a-f]{4}…[0-9a-f]{4} at epoch 194048$/);

    const ready = readyExit(await partialExitsOf(db, lockHash, pubkey), 3)!;
    expect(await combinedExit(dkg.lock, dkg.lock.distributed_validators[0], ready, serverCrypto.bls)).toEqual({
      message: { epoch: "194048", validator_index: "42" },
      signature: bytesToHex(combined),
    });
  });

  it("answers a replay with 409, which charon counts as success, and lets an operator replace its exit with another epoch", async () => {
    const replay = await postExit(exitBody(1));
    expect(replay.status).toBe(409);
    expect(replay.body.message).toBe("Operator 1's partial exit is already stored; nothing changed.");

    const later = { ...exit, epoch: exit.epoch + 10n };
    expect(await postExit(exitBody(3, later))).toMatchObject({ status: 200, body: { partial_exits: [{ outcome: "replaced", epoch: "194058" }] } });
    const stored = await partialExitsOf(db, lockHash, pubkey);
    expect(stored.map((p) => [p.shareIndex, p.epoch])).toEqual([[1, 194048n], [2, 194048n], [3, 194058n]]);
    // Operators 1 and 2 are now short of a third signer for epoch 194048.
    expect((await fetchExit(1, exitAuthorization(nodes[0], lockHash, pubkey))).status).toBe(404);
    expect(await postExit(exitBody(3))).toMatchObject({ status: 200, body: { partial_exits: [{ outcome: "replaced" }] } });
  });

  it("refuses a partial from another share, with another identity, for another lock or network, or over another epoch, naming the check", async () => {
    // Operator 1's identity, but signed with share 2's key.
    const wrongShare = partialExitRequest(nodes[0], [{ validatorPubkey: pubkey, secretShare: share(2), exit }]);
    expect(await postExit(wrongShare)).toMatchObject({ status: 422, body: { message: expect.stringMatching(/does not verify against operator 1's public share/) } });

    // Operator 2's identity key claiming share 1.
    const wrongIdentity = exitBody(1, exit, { ...nodes[1], shareIndex: 1 });
    expect(await postExit(wrongIdentity)).toMatchObject({ status: 401, body: { message: expect.stringMatching(/identity signature is not operator 1's/) } });

    const noSuchShare = exitBody(1, exit, { ...nodes[0], shareIndex: 5 });
    expect(await postExit(noSuchShare)).toMatchObject({ status: 400, body: { message: expect.stringMatching(/Share index 5 is no operator/) } });

    const otherLock = `0x${"ab".repeat(32)}` as Hex;
    expect(await postExit(exitBody(1), otherLock)).toMatchObject({ status: 404, body: { message: expect.stringMatching(/No lock with lock hash 0xabab/) } });

    const strangerKey = `0x${"a".repeat(96)}` as Hex;
    const stranger = partialExitRequest(nodes[0], [{ validatorPubkey: strangerKey, secretShare: share(1), exit }]);
    expect(await postExit(stranger)).toMatchObject({ status: 400, body: { message: expect.stringMatching(/is not in this cluster's lock/) } });

    // Signed for mainnet's exit domain instead of Hoodi's.
    const otherNetwork = exitBody(1, exit, { ...nodes[0], forkVersion: "0x00000000" });
    expect(await postExit(otherNetwork)).toMatchObject({ status: 422, body: { message: expect.stringMatching(/hoodi's exit domain \(Capella fork version 0x40000910/) } });

    // The share signed epoch 194048 but the message claims 194049 (the identity signature covers the claim).
    const claimed = { public_key: pubkey, signed_exit_message: { message: { epoch: exit.epoch + 1n, validator_index: exit.validatorIndex }, signature: bytesToHex(sign(share(1), voluntaryExitSigningRoot(exit, nodes[0].forkVersion))) } };
    const mismatched = {
      partial_exits: [{ ...claimed, signed_exit_message: { ...claimed.signed_exit_message, message: { epoch: "194049", validator_index: "42" } } }],
      share_idx: 1,
      signature: identitySign(nodes[0].identityKey, partialExitRequestRoot([claimed], 1)),
    };
    expect(await postExit(mismatched)).toMatchObject({ status: 422, body: { message: expect.stringMatching(/over the voluntary exit \(epoch 194049, validator index 42\)/) } });

    expect(await postExit("{not json")).toMatchObject({ status: 400, body: { message: "The request body is not valid JSON." } });
    expect(await postExit({ partial_exits: [], signature: "0x00" })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^The request is invalid: partial_exits: expected at least one/) } });
    const badHash = await answer(api.postPartialExits(post("/exp/partial_exits/0x12", exitBody(1)), params({ lockHash: "0x12" })));
    expect(badHash).toMatchObject({ status: 400 });

    // Nothing of the above was stored.
    expect((await partialExitsOf(db, lockHash, pubkey)).map((p) => [p.shareIndex, p.signature])).toEqual(
      [1, 2, 3].map((i) => [i, exitBody(i).partial_exits[0].signed_exit_message.signature]),
    );
  });

  it("fetches and deletes only with the operator's identity signature", async () => {
    expect(await fetchExit(1)).toMatchObject({ status: 401, body: { message: expect.stringMatching(/needs Authorization: Bearer/) } });
    expect(await fetchExit(1, "Bearer 0x1234")).toMatchObject({ status: 400, body: { message: "The bearer token is not a 65-byte hex identity signature." } });
    // Operator 2's signature presented for share 1.
    expect(await fetchExit(1, exitAuthorization({ ...nodes[1], shareIndex: 1 }, lockHash, pubkey))).toMatchObject({ status: 401 });
    // Operator 1's signature for another validator's blob.
    expect(await deleteExit(1, exitAuthorization(nodes[0], lockHash, `0x${"b".repeat(96)}`))).toMatchObject({ status: 401 });
    expect(await deleteExit(1)).toMatchObject({ status: 401 });
    // Garbage in the path is a 400 sentence before anything is looked up.
    const auth = exitAuthorization(nodes[0], lockHash, pubkey);
    for (const bad of [{ shareIndex: "0" }, { shareIndex: "1e0" }, { validatorPubkey: "0x12" }, { lockHash: "lock" }]) {
      const response = await answer(api.getFullExit(withAuth("GET", auth), params({ ...path(1), ...bad })));
      expect(response).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^The request is invalid: /) } });
    }

    expect(await deleteExit(3, exitAuthorization(nodes[2], lockHash, pubkey))).toMatchObject({ status: 200, body: { message: expect.stringMatching(/Operator 3's partial exit .* was withdrawn/) } });
    expect((await partialExitsOf(db, lockHash, pubkey)).map((p) => p.shareIndex)).toEqual([1, 2]);
    expect(await deleteExit(3, exitAuthorization(nodes[2], lockHash, pubkey))).toMatchObject({ status: 404 });
    expect((await fetchExit(2, exitAuthorization(nodes[1], lockHash, pubkey))).status).toBe(404);
  });

  describe("partial deposits", () => {
    const credentials = () => dkg.lock.distributed_validators[0].partial_deposit_data[0].withdrawal_credentials.toLowerCase() as Hex;
    const GWEI = 1_000_000_000n;
    const depositBody = (i: number, amounts = [32n * GWEI], node = nodes[i - 1], creds = credentials()) => partialDepositRequest(node, pubkey, share(i), creds, amounts);
    const postDeposit = (i: number, body: unknown) =>
      answer(api.postPartialDeposits(post(`/deposit_data/partial_deposits/${lockHash}/${i}`, body), params({ lockHash, shareIndex: String(i) })));
    const fetchDeposit = () => answer(api.getFullDeposit(new Request(base), params({ lockHash, validatorPubkey: pubkey })));

    it("serves an amount once three operators signed it, and the partials combine into the validator's deposit signature", async () => {
      expect(await postDeposit(1, depositBody(1, [8n * GWEI, 32n * GWEI]))).toMatchObject({ status: 201 });
      expect(await postDeposit(2, depositBody(2))).toMatchObject({ status: 201 });
      expect(await fetchDeposit()).toMatchObject({ status: 404, body: { message: expect.stringMatching(/so far 8 ETH by 1, 32 ETH by 2/) } });
      expect(await postDeposit(3, depositBody(3))).toMatchObject({ status: 201 });

      const full = await fetchDeposit();
      expect(full.status).toBe(200);
      const body = full.body as unknown as { pubkey: string; withdrawal_credentials: string; amounts: { amount: string; partials: { partial_public_key: string; partial_deposit_signature: Hex }[] }[] };
      expect(body).toMatchObject({ pubkey, withdrawal_credentials: credentials() });
      expect(body.amounts.map((a) => a.amount)).toEqual([(32n * GWEI).toString()]);
      const shares = dkg.lock.distributed_validators[0].public_shares.map((s) => s.toLowerCase());
      const partials = new Map(body.amounts[0].partials.map((p) => [shares.indexOf(p.partial_public_key) + 1, hexToBytes(p.partial_deposit_signature)]));
      expect([...partials.keys()]).toEqual([1, 2, 3]);
      const root = depositSigningRoot({ pubkey: hexToBytes(pubkey), withdrawalCredentials: hexToBytes(credentials()), amountGwei: 32n * GWEI }, hexToBytes(nodes[0].forkVersion));
      expect(verify(hexToBytes(pubkey), root, thresholdAggregate(partials))).toBe(true);
    });

    it("refuses a replay, another share's signature, other credentials and amounts out of bounds, naming the check", async () => {
      expect(await postDeposit(2, depositBody(2))).toMatchObject({ status: 409, body: { message: "Operator 2's partial deposit is already stored; nothing changed." } });
      expect(await postDeposit(4, depositBody(1))).toMatchObject({ status: 422, body: { message: expect.stringMatching(/does not verify against operator 4's public share/) } });
      const elsewhere = `0x01${"00".repeat(11)}${"12".repeat(20)}` as Hex;
      expect(await postDeposit(4, depositBody(4, [32n * GWEI], nodes[3], elsewhere))).toMatchObject({ status: 400, body: { message: expect.stringMatching(/differ from its lock's/) } });
      expect(await postDeposit(4, depositBody(4, [GWEI / 2n]))).toMatchObject({ status: 400, body: { message: "A deposit of 0.5 ETH is outside 1 to 32 ETH, what this cluster's validators take." } });
      expect(await postDeposit(9, depositBody(4))).toMatchObject({ status: 400, body: { message: expect.stringMatching(/Share index 9 is no operator/) } });
      expect(await postDeposit(4, { partial_deposit_data: [{ pubkey }] })).toMatchObject({ status: 400 });
      expect(await answer(api.getFullDeposit(new Request(base), params({ lockHash, validatorPubkey: "0xzz" })))).toMatchObject({ status: 400 });
      expect(await answer(api.getFullDeposit(new Request(base), params({ lockHash, validatorPubkey: `0x${"c".repeat(96)}` })))).toMatchObject({
        status: 400,
        body: { message: expect.stringMatching(/is not in this cluster's lock/) },
      });
    });
  });
});
