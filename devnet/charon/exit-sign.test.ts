import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hexToBytes, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { exitHandlers } from "@/lib/exits/handlers";
import { serverCrypto } from "@/lib/locks/accept";
import { saveLock } from "@/lib/locks/storage";
import { runTestDkg, type TestDkgResult } from "@/devnet/dkg";
import { signedTestCluster } from "@/devnet/dkg/fixture";
import { nodeFolder, readNodeFolder, writeNodeFolders } from "../nodes/node-folders";
import { exitAuthorization } from "./exit-client";
import { devnetValidatorIndex, runExitSign } from "./exit-sign";

let root: string;
let db: Database;
let dkg: TestDkgResult;
let operatorKeys: Hex[];
const api = exitHandlers({ db: async () => db, crypto: serverCrypto });
const posted: string[] = [];

/** The portal's root route, as the rewrite in next.config.mjs maps it onto the handler. */
const portal: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  posted.push(url.pathname);
  const match = /^\/exp\/partial_exits\/(0x[0-9a-f]{64})$/.exec(url.pathname);
  if (!match) return Response.json({ message: "no route" }, { status: 404 });
  return api.postPartialExits(new Request(url, init), { params: Promise.resolve({ lockHash: match[1] }) });
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "nodes-"));
  db = await openDatabase({ dir: "memory" });
  const cluster = await signedTestCluster();
  operatorKeys = cluster.operatorKeys;
  dkg = await runTestDkg({ ...cluster, seed: "node folders" });
  await saveLock(db, { lockHash: dkg.lock.lock_hash, configHash: dkg.lock.cluster_definition.config_hash as Hex, body: dkg.json, postedVia: "seed", postedBy: "test" });
  await writeNodeFolders(root, dkg, operatorKeys);
});
afterAll(async () => {
  await db.close();
  await rm(root, { recursive: true, force: true });
});

describe("devnet node folders and exit-sign", () => {
  const configHash = () => dkg.lock.cluster_definition.config_hash as Hex;

  it("leaves each operator's .charon folder as charon dkg does, and reads its key shares back from the EIP-2335 keystores", async () => {
    const dir = nodeFolder(root, configHash(), 2);
    expect((await readdir(dir)).sort()).toEqual(["charon-enr-private-key", "cluster-lock.json", "validator_keys"]);
    expect(await readdir(join(dir, "validator_keys"))).toEqual(["keystore-0.json", "keystore-0.txt"]);
    expect(await readFile(join(dir, "charon-enr-private-key"), "utf8")).toBe(operatorKeys[1].slice(2));
    const keystore = JSON.parse(await readFile(join(dir, "validator_keys", "keystore-0.json"), "utf8"));
    expect(keystore).toMatchObject({ version: 4, path: "m/12381/3600/0/0/0", pubkey: dkg.lock.distributed_validators[0].public_shares[1].slice(2) });

    const node = await readNodeFolder(dir);
    expect(node.lock.lock_hash).toBe(dkg.lock.lock_hash);
    expect([...node.shares.entries()]).toEqual([[dkg.lock.distributed_validators[0].distributed_public_key.toLowerCase(), dkg.keys[0].secretShares[1]]]);
  });

  it("signs and posts partial exits as charon exit sign would, to the portal's root route, until the exit is ready", async () => {
    const portalUrl = "http://portal.test/api/v1";
    for (const operator of [1, 2, 3]) {
      expect(await runExitSign({ configHash: configHash(), operator, portalUrl, nodesDir: root, fetchImpl: portal })).toMatchObject({ status: 201 });
    }
    expect(await runExitSign({ configHash: configHash(), operator: 3, portalUrl, nodesDir: root, fetchImpl: portal })).toMatchObject({ status: 409 });
    expect(new Set(posted)).toEqual(new Set([`/exp/partial_exits/${dkg.lock.lock_hash}`]));

    const pubkey = dkg.lock.distributed_validators[0].distributed_public_key.toLowerCase() as Hex;
    const node = { identityKey: hexToBytes(operatorKeys[3]), shareIndex: 4, forkVersion: dkg.lock.cluster_definition.fork_version as Hex };
    const full = await api.getFullExit(new Request("http://portal.test", { headers: { authorization: exitAuthorization(node, dkg.lock.lock_hash as Hex, pubkey) } }), {
      params: Promise.resolve({ lockHash: dkg.lock.lock_hash, shareIndex: "4", validatorPubkey: pubkey }),
    });
    expect(await full.json()).toMatchObject({ epoch: "194048", validator_index: devnetValidatorIndex(pubkey).toString() });

    await expect(runExitSign({ configHash: configHash(), operator: 7, portalUrl, nodesDir: root, fetchImpl: portal })).rejects.toThrow(/No node folder of operator 7/);
  });
});
