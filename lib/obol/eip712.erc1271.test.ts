// ERC-1271 against a real contract wallet on anvil (DevSmartWallet: valid when its owner signed).
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devKeys } from "@/devnet/accounts";
import { startAnvil, type Anvil } from "@/devnet/anvil";
import { deployContractWallet } from "@/devnet/testing/contract-wallet";
import { operatorConfigHashTypedData, verifyTypedSignature } from "./eip712";

const owner = privateKeyToAccount(devKeys[7]);
const stranger = privateKeyToAccount(devKeys[8]);
const typedData = operatorConfigHashTypedData(`0x${"12".repeat(32)}`, "0x10000910");

let anvil: Anvil;
let client: PublicClient;
let wallet: Address;

beforeAll(async () => {
  anvil = await startAnvil();
  client = createPublicClient({ transport: http(anvil.rpcUrl), cacheTime: 0 }) as PublicClient;
  wallet = await deployContractWallet(anvil.rpcUrl, owner.address);
});

afterAll(async () => {
  await anvil?.stop();
});

describe("verifyTypedSignature with a contract wallet", () => {
  it("accepts the wallet's signature through isValidSignature over RPC", async () => {
    const signature = await owner.signTypedData(typedData);
    expect(await verifyTypedSignature({ client, address: wallet, typedData, signature })).toBe(true);
  });

  it("refuses a signature of someone else, and the wallet without a client to ask", async () => {
    const signature = await stranger.signTypedData(typedData);
    expect(await verifyTypedSignature({ client, address: wallet, typedData, signature })).toBe(false);
    expect(await verifyTypedSignature({ address: wallet, typedData, signature: await owner.signTypedData(typedData) })).toBe(false);
  });

  it("refuses the owner's signature of another message", async () => {
    const other = operatorConfigHashTypedData(`0x${"34".repeat(32)}`, "0x10000910");
    expect(await verifyTypedSignature({ client, address: wallet, typedData, signature: await owner.signTypedData(other) })).toBe(false);
  });
});
