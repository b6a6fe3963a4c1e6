import type { Hex, LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { beforeAll, describe, expect, it } from "vitest";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import { suiteDatabase, testDatabases } from "@/lib/db/testing";
import { enrTypedData, operatorConfigHashTypedData, TERMS_AND_CONDITIONS_HASH, termsAndConditionsTypedData } from "@/lib/obol/eip712";
import { buildEnr, testKey, testKeyHex } from "@/lib/obol/testdata/enr-builder";
import { definitionSchema } from "@/lib/obol/schema";
import { verifyDefinition } from "@/lib/obol/verify";
import { syncHandlers, type OperatorBody } from "./handlers";
import { clusterFixture, hoodiForkVersion, testCreator, testOperators } from "./testing";

const base = "http://portal.test/api/v1";
const stranger = privateKeyToAccount(testKeyHex(70));

function request(method: string, path: string, body: unknown, signature?: string) {
  return new Request(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(signature ? { authorization: `Bearer ${signature}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const params = <P,>(p: P) => ({ params: Promise.resolve(p) });

describe.each(testDatabases())("synchronization API on $name", (engine) => {
  const db = suiteDatabase(engine);
  const clusters: IndexedCluster[] = [];
  let nextOrdinal = 1;
  /** A fresh cluster of the four test operators, known to the API. */
  const newCluster = () => {
    const cluster = clusterFixture({ ordinal: nextOrdinal++ });
    clusters.push(cluster);
    return cluster;
  };
  const api = syncHandlers({
    db: async () => db,
    findCluster: async (hash) => clusters.find((c) => c.configHash === hash) ?? null,
    creator: () => testCreator,
    forkVersion: () => hoodiForkVersion,
    // Fixture clusters are not on a chain; the route test reads real statuses (app/api/v1/definition).
    clusterStatus: async () => ClusterStatus.IN_CREATION,
  });


  const acceptTerms = async (account: LocalAccount, signer: LocalAccount = account) =>
    api.postTerms(
      request(
        "POST",
        "/termsAndConditions",
        { address: account.address, version: 1, terms_and_conditions_hash: TERMS_AND_CONDITIONS_HASH, fork_version: hoodiForkVersion },
        await signer.signTypedData(termsAndConditionsTypedData()),
      ),
    );

  /** What obol-sdk's acceptClusterDefinition sends, with knobs to send something else. */
  async function registration(
    cluster: IndexedCluster,
    account: LocalAccount,
    enrKey: number,
    { signer = account, signedHash = cluster.configHash, signedFork = hoodiForkVersion, enr = buildEnr(testKey(enrKey)) } = {} as {
      signer?: LocalAccount;
      signedHash?: Hex;
      signedFork?: Hex;
      enr?: string;
    },
  ) {
    const body: OperatorBody = {
      enr,
      version: "v1.10.0",
      address: account.address,
      enr_signature: await signer.signTypedData(enrTypedData(enr, signedFork)),
      fork_version: hoodiForkVersion,
    };
    return { body, signature: await signer.signTypedData(operatorConfigHashTypedData(signedHash, signedFork)) };
  }

  const put = (cluster: IndexedCluster, { body, signature }: { body: unknown; signature?: string }) =>
    api.putDefinition(request("PUT", `/definition/${cluster.configHash}`, body, signature), params({ configHash: cluster.configHash }));

  const getDefinition = async (cluster: IndexedCluster) => {
    const response = await api.getDefinition(request("GET", `/definition/${cluster.configHash}`, undefined), params({ configHash: cluster.configHash }));
    expect(response.status).toBe(200);
    return definitionSchema.parse(await response.json());
  };

  const expectComplete = async (cluster: IndexedCluster) => {
    const result = await verifyDefinition(await getDefinition(cluster));
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, complete: true, creator_signature: true });
    expect(result.operator_config_signatures).toEqual([true, true, true, true]);
    expect(result.enr_signatures).toEqual([true, true, true, true]);
  };

  describe("terms and conditions", () => {
    const [op] = testOperators;
    const isSigned = async (address: string) =>
      (await (await api.getTerms(request("GET", `/termsAndConditions/${address}`, undefined), params({ address }))).json()).isTermsAndConditionsSigned;

    it("records an acceptance once and reports it", async () => {
      expect(await isSigned(op.address)).toBe(false);
      expect((await acceptTerms(op)).status).toBe(201);
      const again = await acceptTerms(op);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ success: true });
      expect(await isSigned(op.address.toLowerCase())).toBe(true);
    });

    it("refuses another wallet's signature, other terms, a missing signature and a malformed body", async () => {
      const forged = await acceptTerms(stranger, op);
      expect(forged.status).toBe(403);
      expect((await forged.json()).message).toMatch(/not 0x[0-9a-fA-F]{40}'s signature of the terms/);

      const signature = await stranger.signTypedData(termsAndConditionsTypedData());
      const otherTerms = { address: stranger.address, version: 2, terms_and_conditions_hash: TERMS_AND_CONDITIONS_HASH };
      expect((await api.postTerms(request("POST", "/termsAndConditions", otherTerms, signature))).status).toBe(400);
      const unsigned = await api.postTerms(request("POST", "/termsAndConditions", { ...otherTerms, version: 1 }));
      expect(unsigned.status).toBe(401);
      expect((await unsigned.json()).message).toMatch(/Authorization: Bearer/);

      const malformed = await api.postTerms(request("POST", "/termsAndConditions", { address: "0x12", version: "one" }, signature));
      expect(malformed.status).toBe(400);
      const body = await malformed.json();
      expect(body.details.issues.map((i: { path: string }) => i.path)).toEqual(["address", "version", "terms_and_conditions_hash"]);
      expect(body.message).toMatch(/^The request is invalid: address: expected a 0x-prefixed 20-byte address/);
      expect((await api.postTerms(request("POST", "/termsAndConditions", "{not json", signature))).status).toBe(400);
      expect(await isSigned(stranger.address)).toBe(false);
    });

    it("answers 400 for an address that is not one", async () => {
      expect((await api.getTerms(request("GET", "/termsAndConditions/nope", undefined), params({ address: "nope" }))).status).toBe(400);
    });
  });

  describe("node registration", () => {
    beforeAll(async () => {
      for (const op of testOperators) await acceptTerms(op);
    });

    it("registers four operators one after the other; the served definition then verifies completely", async () => {
      const cluster = newCluster();
      const before = await verifyDefinition(await getDefinition(cluster));
      expect(before).toMatchObject({ ok: true, complete: false, creator_signature: true });

      for (const [i, op] of testOperators.entries()) {
        const response = await put(cluster, await registration(cluster, op, 100 + i));
        expect(response.status).toBe(201);
        const served = definitionSchema.parse(await response.json());
        expect(served.operators.filter((o) => o.enr !== "")).toHaveLength(i + 1);
        expect(served.config_hash).toBe(cluster.configHash);
      }
      await expectComplete(cluster);
    });

    it("loses nothing when all four register at once", async () => {
      const cluster = newCluster();
      const bodies = await Promise.all(testOperators.map((op, i) => registration(cluster, op, 110 + i)));
      const responses = await Promise.all(bodies.map((b) => put(cluster, b)));
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      await expectComplete(cluster);
    });

    it("treats the same registration sent again as a no-op, and takes a replacement until every operator registered", async () => {
      const cluster = newCluster();
      const [op, ...others] = testOperators;
      const first = await registration(cluster, op, 120);
      expect((await put(cluster, first)).status).toBe(201);
      const again = await put(cluster, first);
      expect(again.status).toBe(200);
      // A mistyped ENR is not for ever: the operator signs and sends the right one.
      const replaced = await registration(cluster, op, 121);
      expect((await put(cluster, replaced)).status).toBe(200);
      expect((await getDefinition(cluster)).operators[0].enr).toBe(replaced.body.enr);

      for (const [i, other] of others.entries()) expect((await put(cluster, await registration(cluster, other, 125 + i))).status).toBe(201);
      await expectComplete(cluster);
      // Complete: the DKG runs on this definition, so it no longer changes.
      const late = await put(cluster, await registration(cluster, op, 122));
      expect(late.status).toBe(409);
      expect((await late.json()).message).toMatch(/^Every operator has registered, so the definition is final/);
      expect((await put(cluster, replaced)).status).toBe(200);
      expect((await getDefinition(cluster)).operators[0].enr).toBe(replaced.body.enr);
    });

    it("refuses the ENR of another operator of the cluster (409), naming that operator", async () => {
      const cluster = newCluster();
      const [a, b] = testOperators;
      expect((await put(cluster, await registration(cluster, a, 130))).status).toBe(201);
      const taken = await put(cluster, await registration(cluster, b, 130));
      expect(taken.status).toBe(409);
      expect((await taken.json()).message).toContain(`already the node of operator ${a.address}`);
    });

    it("frees a squatted ENR once the squatter replaces its registration", async () => {
      const cluster = newCluster();
      const [squatter, owner] = testOperators;
      // The squatter registers the owner's public ENR (key 140) before the owner does.
      expect((await put(cluster, await registration(cluster, squatter, 140))).status).toBe(201);
      const refused = await put(cluster, await registration(cluster, owner, 140));
      expect(refused.status).toBe(409);
      expect((await refused.json()).details.registered.address).toBe(squatter.address);
      // Told in the operators' channel, the squatter registers its own node: the key is free again.
      expect((await put(cluster, await registration(cluster, squatter, 141))).status).toBe(200);
      expect((await put(cluster, await registration(cluster, owner, 140))).status).toBe(201);
      const served = await getDefinition(cluster);
      expect(served.operators.slice(0, 2).map((o) => o.enr)).toEqual([buildEnr(testKey(141)), buildEnr(testKey(140))]);
    });

    it("refuses a signer that is not the operator, and a non-operator (403)", async () => {
      const cluster = newCluster();
      const [a, b] = testOperators;
      const impersonated = await put(cluster, await registration(cluster, a, 140, { signer: b }));
      expect(impersonated.status).toBe(403);
      expect((await impersonated.json()).message).toContain(`not ${a.address}'s OperatorConfigHash signature`);

      await acceptTerms(stranger);
      const outsider = await put(cluster, await registration(cluster, stranger, 141));
      expect(outsider.status).toBe(403);
      expect((await outsider.json()).message).toContain("is not an operator of Byzantine DV");
    });

    it("refuses signatures replayed from another cluster or another chain", async () => {
      const cluster = newCluster();
      const other = newCluster();
      const [a] = testOperators;
      const fromOtherCluster = await put(cluster, await registration(cluster, a, 150, { signedHash: other.configHash }));
      expect(fromOtherCluster.status).toBe(403);
      expect((await fromOtherCluster.json()).message).toMatch(/for another cluster, network or wallet is refused/);

      const mainnet: Hex = "0x00000000";
      expect((await put(cluster, await registration(cluster, a, 150, { signedFork: mainnet }))).status).toBe(403);

      // The ENR signature alone replayed from another chain is refused too.
      const good = await registration(cluster, a, 150);
      const replayedEnr = await registration(cluster, a, 150, { signedFork: mainnet });
      const mixed = await put(cluster, { body: { ...good.body, enr_signature: replayedEnr.body.enr_signature }, signature: good.signature });
      expect(mixed.status).toBe(403);
      expect((await mixed.json()).message).toMatch(/enr_signature is not/);

      const otherFork = await put(cluster, { ...good, body: { ...good.body, fork_version: mainnet } });
      expect(otherFork.status).toBe(400);
      expect((await otherFork.json()).message).toMatch(/fork version 0x10000910 \(chain 560048\)/);
      expect((await getDefinition(cluster)).operators[0].enr).toBe("");
    });

    it("refuses a malformed ENR with the reason (400)", async () => {
      const cluster = newCluster();
      const [a] = testOperators;
      const corrupted = buildEnr(testKey(160), { corruptSignature: true });
      const response = await put(cluster, await registration(cluster, a, 160, { enr: corrupted }));
      expect(response.status).toBe(400);
      expect((await response.json()).message).toBe(
        'The ENR is invalid: the signature does not match the record\'s public key. Paste the output of "charon create enr".',
      );
      const notEnr = await put(cluster, await registration(cluster, a, 160, { enr: "enode://abc" }));
      expect((await notEnr.json()).message).toMatch(/an ENR starts with "enr:"/);
    });

    it("asks for the terms first", async () => {
      const late = privateKeyToAccount(testKeyHex(71));
      const withLate = clusterFixture({ ordinal: nextOrdinal++, operators: [late.address, ...testOperators.slice(1).map((o) => o.address)] });
      clusters.push(withLate);
      const response = await put(withLate, await registration(withLate, late, 170));
      expect(response.status).toBe(403);
      expect((await response.json()).message).toMatch(/has not accepted the terms and conditions; accept them first/);
      expect((await acceptTerms(late)).status).toBe(201);
      expect((await put(withLate, await registration(withLate, late, 170))).status).toBe(201);
    });

    it("validates the request before anything else", async () => {
      const cluster = newCluster();
      const good = await registration(cluster, testOperators[0], 180);

      const noAuth = await put(cluster, { body: good.body });
      expect(noAuth.status).toBe(401);
      const badBody = await put(cluster, { body: { ...good.body, enr_signature: "0x12", address: undefined }, signature: good.signature });
      expect(badBody.status).toBe(400);
      expect((await badBody.json()).details.issues.map((i: { path: string }) => i.path)).toEqual(["address", "enr_signature"]);
      const version = await put(cluster, { ...good, body: { ...good.body, version: "v1.8.0" } });
      expect(version.status).toBe(400);

      const unknown = `0x${"ab".repeat(32)}`;
      const missing = await api.putDefinition(request("PUT", `/definition/${unknown}`, good.body, good.signature), params({ configHash: unknown }));
      expect(missing.status).toBe(404);
      const malformed = await api.getDefinition(request("GET", "/definition/0x12", undefined), params({ configHash: "0x12" }));
      expect(malformed.status).toBe(400);
    });
  });
});
