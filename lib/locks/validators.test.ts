import { getAddress, type Hex } from "viem";
import { auctionAbi } from "@/contracts-abi";
import { ownChain } from "@/devnet/testing/chain";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runTestDkg, type TestDkgResult } from "@/devnet/dkg";
import { signedTestCluster } from "@/devnet/dkg/fixture";
import { goldenChainData, goldenOperators } from "@/lib/obol/testdata/golden-input";
import { beaconLookup } from "./beacon";
import type { StoredLock } from "./storage";
import { clusterPubKeyHash, onChainCheck, validatorsView } from "./validators";

const eigenPod = getAddress(goldenChainData.eigenPodAddr);
const stored = (dkg: TestDkgResult): StoredLock => ({
  lockHash: dkg.lock.lock_hash,
  configHash: dkg.lock.cluster_definition.config_hash,
  receivedAt: new Date("2025-03-01T12:00:00Z"),
  postedVia: "api",
  postedBy: "Go-http-client/1.1",
  body: dkg.json,
});

let dkg: TestDkgResult;
let pubkey: Hex;
beforeAll(async () => {
  dkg = await runTestDkg({ ...(await signedTestCluster()), seed: "validators view" });
  pubkey = dkg.lock.distributed_validators[0].distributed_public_key as Hex;
});

describe("clusterPubKeyHash and the on-chain check", () => {
  const chain = ownChain({ seed: true });

  it("is sha256(pubkey ++ 16 zero bytes), as the auction stores it", () => {
    // sha256 of 64 zero bytes: a known value, and what a zero key would give.
    expect(clusterPubKeyHash(`0x${"00".repeat(48)}`)).toBe("0xf5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b");
  });

  it("says registered, mismatch or not set against what the auction stores", async () => {
    // The contract computes the hash itself when the vault records the key: no helper of ours in between.
    const { writer, publicClient, deployment } = chain();
    const clusterId = await writer.createCluster();
    await writer.send(writer.activateTx(clusterId, pubkey));
    const { clusterPubKeyHash: stored } = await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getClusterDetails", args: [clusterId] });
    expect(onChainCheck(pubkey, stored)).toBe("registered");
    expect(onChainCheck(pubkey, stored.toUpperCase().replace("0X", "0x") as Hex)).toBe("registered");
    expect(onChainCheck(`0x${"11".repeat(48)}`, stored)).toBe("mismatch");
    expect(onChainCheck(pubkey, null)).toBe("not-set");
  });
});

describe("validatorsView", () => {
  it("shows the key, each operator's share and both deposits to the EigenPod, the 32 ETH one marked", async () => {
    const view = await validatorsView(stored(dkg), { eigenPod, clusterPubKeyHash: clusterPubKeyHash(pubkey), beacon: null });
    expect(view).toMatchObject({ lockHash: dkg.lock.lock_hash, receivedAt: "2025-03-01T12:00:00.000Z", postedVia: "api" });
    expect(view.depositFiles).toEqual([
      { amountGwei: "1000000000", fileName: "deposit-data-1eth.json" },
      { amountGwei: "32000000000", fileName: "deposit-data.json" },
    ]);
    const [v] = view.validators;
    expect(v).toMatchObject({ index: 0, pubkey, onChain: "registered", beacon: { kind: "not-configured" } });
    expect(v.shares.map((s) => s.operator)).toEqual(goldenOperators.map((o) => o.address));
    expect(v.shares.map((s) => s.publicShare)).toEqual(dkg.lock.distributed_validators[0].public_shares);
    expect(v.deposits.map((d) => [d.amountGwei, d.full, d.credentialsType, d.withdrawalAddress, d.toEigenPod])).toEqual([
      ["1000000000", false, "0x01", eigenPod, true],
      ["32000000000", true, "0x01", eigenPod, true],
    ]);
    expect(v.deposits[1].depositDataRoot).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("flags deposits that withdraw elsewhere and an on-chain key that is not this one", async () => {
    const elsewhere = await runTestDkg({ ...(await signedTestCluster()), seed: "elsewhere", withdrawalAddress: "0x000000000000000000000000000000000000dEaD" });
    const view = await validatorsView(stored(elsewhere), { eigenPod, clusterPubKeyHash: clusterPubKeyHash(pubkey), beacon: null });
    expect(view.validators[0].onChain).toBe("mismatch");
    expect(view.validators[0].deposits).toHaveLength(2);
    expect(view.validators[0].deposits.every((d) => !d.toEigenPod && d.withdrawalAddress === "0x000000000000000000000000000000000000dEaD")).toBe(true);
  });
});

describe("beaconLookup", () => {
  const answer = (status: number, body?: unknown) => vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status }));

  it("reads status and balance from the standard API", async () => {
    const fetchImpl = answer(200, { execution_optimistic: false, data: { index: "42", balance: "32001000000", status: "active_ongoing", validator: {} } });
    const lookup = beaconLookup("http://beacon.test:5052/", fetchImpl as unknown as typeof fetch);
    expect(await lookup(pubkey)).toEqual({ kind: "found", index: "42", status: "active_ongoing", label: "Active", balanceGwei: "32001000000" });
    expect(fetchImpl.mock.calls[0]).toEqual([`http://beacon.test:5052/eth/v1/beacon/states/head/validators/${pubkey}`, expect.anything()]);

    const view = await validatorsView(stored(dkg), { eigenPod, clusterPubKeyHash: null, beacon: lookup });
    expect(view.validators[0]).toMatchObject({ onChain: "not-set", beacon: { kind: "found", label: "Active" } });
    // The second read was answered from the cache.
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it("asks the node again once an answer is older than its time to live", async () => {
    const fetchImpl = answer(404, { code: 404, message: "Validator not found" });
    const lookup = beaconLookup("http://b", fetchImpl as unknown as typeof fetch, 4000, 0);
    await lookup(pubkey);
    await lookup(pubkey);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it("turns an unknown key, an error status and an unreachable node into states, never throws", async () => {
    expect(await beaconLookup("http://b", answer(404, { code: 404, message: "Validator not found" }) as unknown as typeof fetch)(pubkey)).toEqual({ kind: "unknown" });
    expect(await beaconLookup("http://b", answer(503) as unknown as typeof fetch)(pubkey)).toEqual({ kind: "error", message: "the beacon node answered 503" });
    const down = vi.fn(async () => {
      throw new TypeError("fetch failed");
    });
    expect(await beaconLookup("http://b", down as unknown as typeof fetch)(pubkey)).toEqual({ kind: "error", message: "the beacon node could not be read (fetch failed)" });
  });
});
