import { describe, expect, it, vi } from "vitest";
import { privateKeyToAccount } from "viem/accounts";
import { hashTypedData, type Hex, type PublicClient, type TypedDataDefinition } from "viem";
import {
  chainIdForForkVersion,
  creatorConfigHashTypedData,
  enrTypedData,
  operatorConfigHashTypedData,
  termsAndConditionsTypedData,
  verifyTypedSignature,
} from "@/lib/obol/eip712";
import { testKeyHex } from "@/lib/obol/testdata/enr-builder";
import { itVectors, LAUNCHPAD_LOCK, loadVector } from "@/lib/obol/testdata/vectors";

const alice = privateKeyToAccount(testKeyHex(1));
const bob = privateKeyToAccount(testKeyHex(2));
const configHash = "0x146556E0E1B1FCC1187385FC7600A7588932823AEEBF05AB01E39811CA6D71C8";

describe("typed data", () => {
  it("maps fork versions to chain ids", () => {
    expect(chainIdForForkVersion("0x00000000")).toBe(1);
    expect(chainIdForForkVersion("0x10000910")).toBe(560048);
    expect(chainIdForForkVersion("0x00001020")).toBe(5);
    expect(() => chainIdForForkVersion("0x12345678")).toThrow(/unknown fork version/);
  });

  it("signs the config hash as a lowercase hex string", () => {
    const td = operatorConfigHashTypedData(configHash, "0x10000910");
    expect(td.message.operator_config_hash).toBe(configHash.toLowerCase());
    expect(td.domain).toEqual({ name: "Obol", version: "1", chainId: 560048 });
  });

  it("has no chainId in the terms-and-conditions domain", () => {
    const td = termsAndConditionsTypedData();
    expect(td.domain).toEqual({ name: "Obol", version: "1" });
    expect(td.message).toEqual({
      terms_and_conditions_hash: "0xd33721644e8f3afab1495a74abe3523cec12d48b8da6cb760972492ca3f1a273",
      version: 1n,
    });
  });
});

describe("verifyTypedSignature", () => {
  it.each([
    ["CreatorConfigHash", creatorConfigHashTypedData(configHash, "0x01017000")],
    ["OperatorConfigHash", operatorConfigHashTypedData(configHash, "0x01017000")],
    ["ENR", enrTypedData("enr:-HW4Q", "0x01017000")],
    ["TermsAndConditions", termsAndConditionsTypedData()],
  ] as [string, TypedDataDefinition][])("round-trips %s and rejects another signer", async (_, typedData) => {
    const signature = await alice.signTypedData(typedData);
    expect(await verifyTypedSignature({ address: alice.address, typedData, signature })).toBe(true);
    expect(await verifyTypedSignature({ address: bob.address, typedData, signature })).toBe(false);
    const flipped = `${signature.slice(0, 20)}${signature[20] === "0" ? "1" : "0"}${signature.slice(21)}` as Hex;
    expect(await verifyTypedSignature({ address: alice.address, typedData, signature: flipped })).toBe(false);
  });

  it("does not accept the signature for another chain", async () => {
    const signature = await alice.signTypedData(creatorConfigHashTypedData(configHash, "0x01017000"));
    const typedData = creatorConfigHashTypedData(configHash, "0x00000000");
    expect(await verifyTypedSignature({ address: alice.address, typedData, signature })).toBe(false);
  });

  itVectors("verifies the launchpad creator's real signature (Goerli)", async () => {
    const def = loadVector(LAUNCHPAD_LOCK).cluster_definition;
    const typedData = creatorConfigHashTypedData(def.config_hash, def.fork_version);
    expect(
      await verifyTypedSignature({ address: def.creator.address, typedData, signature: def.creator.config_signature }),
    ).toBe(true);
  });

  it("asks a contract wallet through ERC-1271", async () => {
    const typedData = enrTypedData("enr:-HW4Q", "0x00000000");
    const wallet = "0x000000000000000000000000000000000000c0de";
    const readContract = vi.fn(async ({ args }: { args: readonly unknown[] }) =>
      args[0] === hashTypedData(typedData) && args[1] === "0xfeed" ? "0x1626ba7e" : "0xffffffff",
    );
    const client = { getCode: async () => "0x6000", readContract } as unknown as PublicClient;
    expect(await verifyTypedSignature({ client, address: wallet, typedData, signature: "0xfeed" })).toBe(true);
    expect(await verifyTypedSignature({ client, address: wallet, typedData, signature: "0xbeef" })).toBe(false);
    const eoaClient = { getCode: async () => undefined, readContract } as unknown as PublicClient;
    expect(await verifyTypedSignature({ client: eoaClient, address: wallet, typedData, signature: "0xfeed" })).toBe(false);
  });
});
