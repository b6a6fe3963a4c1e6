import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { testKeyHex } from "@/lib/obol/testdata/enr-builder";
import { verifyDefinition } from "@/lib/obol/verify";
import { clusterFixture, hoodiForkVersion, testCreator } from "@/lib/sync/testing";
import { servedDefinition } from "./definition";

describe("servedDefinition", () => {
  const cluster = clusterFixture({ ordinal: 3 });

  it("is the chain-derived definition under the indexed config hash, signed by the creator", async () => {
    const def = await servedDefinition(cluster, [], { creator: testCreator, forkVersion: hoodiForkVersion });
    expect(def).toMatchObject({ name: "Byzantine DV3", config_hash: cluster.configHash, creator: { address: testCreator.address } });
    expect(await verifyDefinition(def)).toMatchObject({ ok: true, complete: false, creator_signature: true });
  });

  it("refuses to serve a definition whose config hash no longer matches the index", async () => {
    const otherCreator = privateKeyToAccount(testKeyHex(99));
    await expect(servedDefinition(cluster, [], { creator: otherCreator, forkVersion: hoodiForkVersion })).rejects.toThrow(
      /was CREATOR_PRIVATE_KEY or FORK_VERSION changed after indexing\?/,
    );
  });
});
