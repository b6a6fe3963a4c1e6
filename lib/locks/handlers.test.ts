import { beforeAll, describe, expect, it } from "vitest";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import { suiteDatabase, testDatabases } from "@/lib/db/testing";
import type { LockJson, TestDkgResult } from "@/devnet/dkg";
import { signedTestCluster } from "@/devnet/dkg/fixture";
import { registerOperator, runTestDkg } from "@/devnet/dkg";
import { servedDefinition } from "@/lib/sync/definition";
import { clusterFixture, hoodiForkVersion, testCreator, testOperators } from "@/lib/sync/testing";
import { lockHandlers } from "./handlers";
import { UPLOAD_HEADER } from "./upload-header";
import { locksOf } from "./storage";
import { enrKeys, fixtureDeps, lockOfServed, registerOperators } from "./testing";

const base = "http://portal.test";
const params = <P,>(p: P) => ({ params: Promise.resolve(p) });

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${base}/api/v1/lock`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Go-http-client/1.1", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const withField = (json: LockJson, patch: Partial<LockJson>): LockJson => ({ ...structuredClone(json), ...patch });

describe.each(testDatabases())("lock API on $name", (engine) => {
  const db = suiteDatabase(engine);
  const clusters: IndexedCluster[] = [];
  const api = lockHandlers({ ...fixtureDeps(clusters), db: async () => db });
  /** A fully registered cluster and a genuine lock of its served definition. */
  let ready: IndexedCluster;
  let dkg: TestDkgResult;

  const newCluster = (ordinal: number) => {
    const cluster = clusterFixture({ ordinal });
    clusters.push(cluster);
    return cluster;
  };
  const message = async (response: Response) => ((await response.json()) as { message: string }).message;

  beforeAll(async () => {
    ready = newCluster(1);
    await registerOperators(db, ready, enrKeys(150));
    dkg = await lockOfServed(db, ready, enrKeys(150));
  });

  it("stores a genuine lock, serves it by config hash and by lock hash, and takes it again without duplicating", async () => {
    const created = await api.postLock(post(dkg.json));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ lock_hash: dkg.lock.lock_hash, config_hash: ready.configHash });

    const again = await api.postLock(post(dkg.json, { [UPLOAD_HEADER]: "1" }));
    expect(again.status).toBe(200);
    expect(await message(again)).toBe("This lock was already stored.");
    // The same lock again is answered from storage: neither the served definition (which needs
    // the creator's key) is rebuilt nor the lock verified again (issue 11: ~150 ms of BLS each).
    const unsigned = () => {
      throw new Error("the stored lock was verified again");
    };
    const fromStorage = lockHandlers({ ...fixtureDeps(clusters), creator: unsigned, forkVersion: unsigned, db: async () => db });
    const third = await fromStorage.postLock(post(dkg.json));
    expect(third.status).toBe(200);
    expect(await message(third)).toBe("This lock was already stored.");
    const rows = await db.query<{ posted_via: string; posted_by: string }>("SELECT posted_via, posted_by FROM cluster_locks WHERE config_hash = $1", [ready.configHash]);
    expect(rows).toEqual([{ posted_via: "api", posted_by: "Go-http-client/1.1" }]);

    const byConfig = await api.getLockByConfigHash(new Request(base), params({ configHash: ready.configHash.toUpperCase().replace("0X", "0x") }));
    expect(byConfig.status).toBe(200);
    // Served back exactly as posted, key order included.
    expect(JSON.stringify(await byConfig.json())).toBe(JSON.stringify(dkg.json));
    const byHash = await api.getLockByHash(new Request(base), params({ lockHash: dkg.lock.lock_hash }));
    expect(await byHash.json()).toEqual(dkg.json);

    expect([...(await locksOf(db, [ready.configHash, `0x${"00".repeat(32)}`])).keys()]).toEqual([ready.configHash]);
  });

  it("refuses a second, different lock for the cluster (409) and keeps the first", async () => {
    const other = await lockOfServed(db, ready, enrKeys(150), "another ceremony");
    const response = await api.postLock(post(other.json));
    expect(response.status).toBe(409);
    expect(await message(response)).toMatch(/already has another lock \(0x[0-9a-f]{64}, received .*cannot be replaced/);
    const stored = await api.getLockByConfigHash(new Request(base), params({ configHash: ready.configHash }));
    expect((await stored.json()).lock_hash).toBe(dkg.lock.lock_hash);
  });

  describe("refusals name the failed check", () => {
    let fresh: IndexedCluster;
    let genuine: TestDkgResult;
    beforeAll(async () => {
      fresh = newCluster(2);
      await registerOperators(db, fresh, enrKeys(160));
      genuine = await lockOfServed(db, fresh, enrKeys(160));
    });

    it("a lock of a cluster this portal does not know (404)", async () => {
      const foreign = await runTestDkg({ ...(await signedTestCluster()), seed: "foreign" });
      const response = await api.postLock(post(foreign.json));
      expect(response.status).toBe(404);
      expect(await message(response)).toMatch(/is no cluster of this portal's network/);
    });

    it("a lock of another definition for the same config hash: other charon nodes (422)", async () => {
      const regs = await Promise.all(testOperators.map((wallet, i) => registerOperator(genuine.lock.cluster_definition, wallet, enrKeys(170)[i])));
      const other = await servedDefinition(fresh, regs, { creator: testCreator, forkVersion: hoodiForkVersion });
      const { json } = await runTestDkg({ definition: other, operatorKeys: enrKeys(170), seed: "impostor" });
      const response = await api.postLock(post(json));
      expect(response.status).toBe(422);
      expect(await message(response)).toMatch(
        /^The lock's cluster_definition is not this portal's definition of Byzantine DV2 \(definition hash 0x[0-9a-f]{64}, served 0x[0-9a-f]{64}\): operator 0 enr, enr_signature; operator 1 enr, enr_signature; .* differ\./,
      );
    });

    it("a tampered lock hash (422)", async () => {
      const response = await api.postLock(post(withField(genuine.json, { lock_hash: `0x${"ab".repeat(32)}` })));
      expect(response.status).toBe(422);
      expect(await message(response)).toMatch(/^The lock does not verify: lock_hash 0x(ab){32} is not the hash of the lock's contents \(0x[0-9a-f]{64}\)/);
    });

    it("a bad node signature (422)", async () => {
      const sigs = [...(genuine.json.node_signatures ?? [])];
      sigs[2] = sigs[1];
      const response = await api.postLock(post(withField(genuine.json, { node_signatures: sigs })));
      expect(response.status).toBe(422);
      const text = await message(response);
      expect(text).toBe(`The lock does not verify: node signature of operator 2 (${fresh.operators[2]}) is not its charon node's signature of the lock hash.`);
    });

    it("a missing node signature (422), refused before the BLS checks", async () => {
      const sigs = [...(genuine.json.node_signatures ?? [])];
      sigs[1] = "";
      const response = await api.postLock(post(withField(genuine.json, { node_signatures: sigs })));
      expect(response.status).toBe(422);
      expect(await message(response)).toBe(`The lock does not verify: node signature of operator 1 (${fresh.operators[1]}) is missing.`);
    });

    it("a bad signature aggregate (422)", async () => {
      // A well-formed BLS signature, of something else: the deposit's.
      const deposit = genuine.lock.distributed_validators[0].partial_deposit_data[0];
      const response = await api.postLock(post(withField(genuine.json, { signature_aggregate: deposit.signature })));
      expect(response.status).toBe(422);
      expect(await message(response)).toMatch(/^The lock does not verify: signature_aggregate does not verify against the public shares/);
    });

    it("more validators than the definition asks for, before any BLS work (422)", async () => {
      const dvs = genuine.json.distributed_validators ?? [];
      const response = await api.postLock(post(withField(genuine.json, { distributed_validators: [...dvs, ...dvs, ...dvs] })));
      expect(response.status).toBe(422);
      expect(await message(response)).toBe("The lock does not verify: 3 distributed validators for num_validators 1.");
    });

    it("a validator amplified with copies of a partial deposit is refused before any BLS check (413, 422)", async () => {
      // Issue 11: each entry was one pairing (~21 ms) on the request thread before the refusal.
      const [dv] = genuine.json.distributed_validators ?? [];
      const amplified = (copies: number) =>
        withField(genuine.json, { distributed_validators: [{ ...dv, partial_deposit_data: Array.from({ length: copies }, () => dv.partial_deposit_data![0]) }] });
      // 1,000 copies are far larger than any lock of this portal's clusters.
      const thousand = await api.postLock(post(amplified(1000)));
      expect(thousand.status).toBe(413);
      expect(await message(thousand)).toBe("The request body is larger than 64 kB.");
      const hundred = await api.postLock(post(amplified(100)));
      expect(hundred.status).toBe(422);
      expect(await message(hundred)).toBe("The lock does not verify: validator 0 has 100 partial deposits; its definition asks for 2 (1 ETH, 32 ETH).");
      // Deposits of the wrong amounts are a shape problem too; a well-shaped lock still meets the
      // BLS checks (the bad signature_aggregate above).
      const doubled = { ...dv, partial_deposit_data: [dv.partial_deposit_data![1], dv.partial_deposit_data![1]] };
      const wrongAmounts = await api.postLock(post(withField(genuine.json, { distributed_validators: [doubled] })));
      expect(await message(wrongAmounts)).toBe("The lock does not verify: validator 0's partial deposits are of 32 ETH, 32 ETH; its definition asks for 1 ETH, 32 ETH.");
    });

    it("a refusal lists at most 20 problems and counts the rest, whatever the lock (422)", async () => {
      const [dv] = genuine.json.distributed_validators ?? [];
      const response = await api.postLock(post(withField(genuine.json, { distributed_validators: Array.from({ length: 30 }, () => ({ ...dv, partial_deposit_data: [] })) })));
      expect(response.status).toBe(422);
      const body = (await response.json()) as { message: string; details: { failures: string[]; omitted: number } };
      expect(body.message).toMatch(/^The lock does not verify: 30 distributed validators for num_validators 1; validator 0 has 0 partial deposits; .*; and 11 more problems\.$/);
      expect(body.details.failures).toHaveLength(20);
      expect(body.details.omitted).toBe(11);
    });

    it("a huge malformed body: 413 past the lock cap, and under it one bounded 400 (zod stops at the list limit)", async () => {
      // Issue 11: 2.6 million operators answered 509 MB after 43 s.
      const huge = await api.postLock(post(`{"cluster_definition":{"operators":[${"1,".repeat(2_600_000)}1]}}`));
      expect(huge.status).toBe(413);
      const hugeText = await huge.text();
      expect(hugeText.length).toBeLessThan(64 * 1024);
      expect(JSON.parse(hugeText).message).toBe("The request body is larger than 64 kB.");

      const large = await api.postLock(post(`{"cluster_definition":{"operators":[${"1,".repeat(30_000)}1]}}`));
      expect(large.status).toBe(400);
      const text = await large.text();
      expect(text.length).toBeLessThan(4 * 1024);
      const body = JSON.parse(text) as { details: { issues: { path: string; message: string }[] } };
      expect(body.details.issues).toContainEqual({ path: "cluster_definition.operators", message: "Too big: expected array to have <=256 items" });
      expect(body.details.issues.filter((i) => i.path.startsWith("cluster_definition.operators"))).toHaveLength(1);
    });

    it("a definition that is not complete on this portal (422)", async () => {
      const half = newCluster(4);
      await registerOperators(db, half, enrKeys(180, 2));
      const response = await api.postLock(post(withField(genuine.json, { cluster_definition: { ...genuine.json.cluster_definition, config_hash: half.configHash } })));
      expect(response.status).toBe(422);
      expect(await message(response)).toMatch(/definition is not complete on this portal: 0x[0-9a-fA-F]{40}, 0x[0-9a-fA-F]{40} have not registered a node/);
    });

    it("something that is not a lock (400)", async () => {
      expect((await api.postLock(post("{not json"))).status).toBe(400);
      const response = await api.postLock(post({ cluster_definition: { name: "x" }, lock_hash: "0x12" }));
      expect(response.status).toBe(400);
      expect(await message(response)).toMatch(/^The request is invalid: cluster_definition\./);
    });

    it("stores none of them", async () => {
      expect((await locksOf(db, [fresh.configHash])).size).toBe(0);
      const missing = await api.getLockByConfigHash(new Request(base), params({ configHash: fresh.configHash }));
      expect(missing.status).toBe(404);
      expect((await api.getLockByHash(new Request(base), params({ lockHash: "0x12" }))).status).toBe(400);
    });
  });

  describe("downloads", () => {
    const download = (path: string) => new Request(`${base}/api/clusters/${ready.configHash}/${path}`);

    it("cluster-lock.json is the stored lock as an attachment", async () => {
      const response = await api.downloadLock(download("cluster-lock.json"), params({ configHash: ready.configHash }));
      expect(response.headers.get("content-disposition")).toBe('attachment; filename="cluster-lock.json"');
      expect(await response.json()).toEqual(dkg.json);
    });

    it("deposit-data.json is charon's file for 32 ETH, and the 1 ETH file on request", async () => {
      const full = await api.downloadDepositData(download("deposit-data.json"), params({ configHash: ready.configHash }));
      expect(full.status).toBe(200);
      expect(full.headers.get("content-disposition")).toBe('attachment; filename="deposit-data.json"');
      const entries = await full.json();
      const deposit = dkg.lock.distributed_validators[0].partial_deposit_data[1];
      expect(entries).toEqual([
        {
          pubkey: deposit.pubkey.slice(2),
          withdrawal_credentials: deposit.withdrawal_credentials.slice(2),
          amount: 32_000_000_000,
          signature: deposit.signature.slice(2),
          deposit_message_root: expect.stringMatching(/^[0-9a-f]{64}$/),
          deposit_data_root: expect.stringMatching(/^[0-9a-f]{64}$/),
          fork_version: "10000910",
          network_name: "hoodi",
          deposit_cli_version: "2.7.0",
        },
      ]);

      const partial = await api.downloadDepositData(download("deposit-data.json?amount=1"), params({ configHash: ready.configHash }));
      expect(partial.headers.get("content-disposition")).toBe('attachment; filename="deposit-data-1eth.json"');
      expect((await partial.json())[0].amount).toBe(1_000_000_000);

      const none = await api.downloadDepositData(download("deposit-data.json?amount=5"), params({ configHash: ready.configHash }));
      expect(none.status).toBe(404);
      expect(await message(none)).toBe("This lock has no 5 ETH deposit; its deposits are 1 ETH, 32 ETH.");
    });
  });
});
