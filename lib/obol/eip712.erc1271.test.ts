// ERC-1271 against a real contract wallet on anvil (DevSmartWallet: valid when its owner signed).
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devKeys } from "@/devnet/accounts";
import { freePort, type Anvil } from "@/devnet/anvil";
import { startContractWalletChain } from "@/devnet/testing/contract-wallet";
import { operatorConfigHashTypedData, verifyTypedSignature } from "./eip712";

const owner = privateKeyToAccount(devKeys[7]);
const stranger = privateKeyToAccount(devKeys[8]);
const typedData = operatorConfigHashTypedData(`0x${"12".repeat(32)}`, "0x10000910");

let anvil: Anvil;
let client: PublicClient;
let wallet: Address;

beforeAll(async () => {
  ({ anvil, client, wallet } = await startContractWalletChain(owner.address));
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

describe("verifyTypedSignature asking the chain", () => {
  it("asks for an address's code once, however many of its signatures fail", async () => {
    const methods: string[] = [];
    const counting = createPublicClient({
      transport: http(anvil.rpcUrl, { onFetchRequest: (_request, init) => void methods.push(JSON.parse(String(init.body)).method) }),
      cacheTime: 0,
    }) as PublicClient;
    const signature = await owner.signTypedData(typedData);
    for (let i = 0; i < 3; i++) {
      expect(await verifyTypedSignature({ client: counting, address: stranger.address, typedData, signature })).toBe(false);
    }
    expect(methods).toEqual(["eth_getCode"]);
    // A recovered signer never reaches the chain.
    expect(await verifyTypedSignature({ client: counting, address: owner.address, typedData, signature })).toBe(true);
    expect(methods).toHaveLength(1);
  });

  it("throws, rather than refusing, when the chain node does not answer", async () => {
    const down = createPublicClient({ transport: http(`http://127.0.0.1:${await freePort()}`, { retryCount: 0 }) }) as PublicClient;
    const signature = await stranger.signTypedData(typedData);
    await expect(verifyTypedSignature({ client: down, address: wallet, typedData, signature })).rejects.toThrow(/HTTP request failed/);
  });
});
