import { describe, expect, it } from "vitest";
import { suiteDatabase, testDatabases } from "@/lib/db/testing";
import { clusterFixture, registrationFixture, testOperators } from "./testing";
import { readClustersSync } from "./cluster-sync";
import { saveRegistration, saveTermsAcceptance, termsAcceptedBy } from "./storage";
import { ClusterStatus } from "@/lib/chain/cluster-state";

describe.each(testDatabases())("sync storage on $name", (engine) => {
  const db = suiteDatabase(engine);

  const [a, b, c] = testOperators;
  const terms = (address: `0x${string}`) => ({ address, version: 1, termsHash: "0xab" as const, signature: "0x01" as const });

  it("stores a terms acceptance once per address and version", async () => {
    expect(await saveTermsAcceptance(db, terms(a.address))).toBe(true);
    expect(await saveTermsAcceptance(db, terms(a.address))).toBe(false);
    expect(await termsAcceptedBy(db, [a.address, b.address], 1)).toEqual(new Set([a.address]));
    expect(await termsAcceptedBy(db, [a.address], 2)).toEqual(new Set());
  });

  it("registers a node, treats the same ENR again as unchanged, replaces it until all registered, then keeps it", async () => {
    const cluster = clusterFixture({ ordinal: 1 });
    const first = registrationFixture(cluster, 0, 1);
    const save = (reg: typeof first) => db.transaction((tx) => saveRegistration(tx, reg, cluster.operators.length));
    expect((await save(first)).outcome).toBe("created");
    expect((await save(first)).outcome).toBe("unchanged");
    const second = registrationFixture(cluster, 0, 2);
    expect(await save(second)).toMatchObject({ outcome: "replaced", registration: { enr: second.enr } });
    for (const i of [1, 2, 3]) expect((await save(registrationFixture(cluster, i, 2 + i))).outcome).toBe("created");
    expect(await save(first)).toMatchObject({ outcome: "frozen", registration: { enr: second.enr } });
  });

  it("refuses a charon key another operator of the cluster registered, but not in another cluster", async () => {
    const cluster = clusterFixture({ ordinal: 2 });
    await saveRegistration(db, registrationFixture(cluster, 0, 5));
    const taken = await saveRegistration(db, { ...registrationFixture(cluster, 0, 5), address: b.address });
    expect(taken).toMatchObject({ outcome: "enr-taken", registration: { address: a.address } });
    const elsewhere = clusterFixture({ ordinal: 3 });
    expect((await saveRegistration(db, registrationFixture(elsewhere, 0, 5))).outcome).toBe("created");
  });

  it("keeps every one of concurrent registrations, and one winner for a contested key", async () => {
    const cluster = clusterFixture({ ordinal: 4 });
    const results = await Promise.all([
      ...cluster.operators.map((_, i) => saveRegistration(db, registrationFixture(cluster, i, 10 + i))),
      ...cluster.operators.map((_, i) => saveRegistration(db, registrationFixture(cluster, i, 10 + i))),
    ]);
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(4);
    expect(results.filter((r) => r.outcome === "unchanged")).toHaveLength(4);

    const contested = clusterFixture({ ordinal: 5 });
    const race = await Promise.all(
      contested.operators.map((address) => saveRegistration(db, { ...registrationFixture(contested, 0, 20), address })),
    );
    expect(race.map((r) => r.outcome).sort()).toEqual(["created", "enr-taken", "enr-taken", "enr-taken"]);
  });

  it("reads the synchronization of many clusters at once", async () => {
    const waiting = clusterFixture({ ordinal: 6 });
    const ready = clusterFixture({ ordinal: 7 });
    await saveTermsAcceptance(db, terms(c.address));
    await saveRegistration(db, registrationFixture(waiting, 0, 30));
    for (const i of [0, 1, 2, 3]) await saveRegistration(db, registrationFixture(ready, i, 40 + i));

    const syncs = await readClustersSync(db, [
      { cluster: waiting, chainStatus: ClusterStatus.IN_CREATION, hasLock: false },
      { cluster: ready, chainStatus: ClusterStatus.IN_CREATION, hasLock: false },
    ]);
    const w = syncs.get(waiting.configHash)!;
    expect(w.phase.label).toBe("Waiting for operators (1/4)");
    expect(w.operators.map((o) => o.step)).toEqual(["run-dkg", "accept-terms", "register-node", "accept-terms"]);
    expect(w.operators[0].registration?.enr).toBe(registrationFixture(waiting, 0, 30).enr);
    expect(w.missing).toEqual(waiting.operators.slice(1));
    expect(syncs.get(ready.configHash)!.phase.label).toBe("Ready for DKG");
  });
});
