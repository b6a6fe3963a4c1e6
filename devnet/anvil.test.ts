import { existsSync } from "node:fs";
import { createPublicClient, createWalletClient, http, parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { devAccounts } from "./accounts";
import { anvilBinary, startAnvil } from "./anvil";

const answers = (rpcUrl: string) =>
  fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) }).then(
    (r) => r.ok,
    () => false,
  );

describe("startAnvil", () => {
  it("spawns the platform binary itself, not an npm wrapper", () => {
    const binary = anvilBinary();
    expect(binary).toMatch(/@foundry-rs\/anvil-[a-z0-9]+-[a-z0-9]+\/bin\/anvil(\.exe)?$/);
    expect(existsSync(binary)).toBe(true);
  });

  it("serves chain 560048 on 127.0.0.1 with the 20 funded dev accounts, and stop() ends it", async () => {
    const anvil = await startAnvil();
    try {
      expect(anvil.rpcUrl).toBe(`http://127.0.0.1:${anvil.port}`);
      const client = createPublicClient({ transport: http(anvil.rpcUrl), cacheTime: 0 });
      expect(await client.getChainId()).toBe(560048);
      const accounts = await createWalletClient({ transport: http(anvil.rpcUrl) }).getAddresses();
      expect(accounts.map((a) => a.toLowerCase())).toEqual(devAccounts.map((a) => a.address.toLowerCase()));
      for (const account of [devAccounts[0], devAccounts[19]]) expect(await client.getBalance({ address: account.address })).toBe(parseEther("10000"));
      // The port is taken: a second node there is refused instead of silently sharing it.
      await expect(startAnvil({ port: anvil.port })).rejects.toThrow(/already taken/);
    } finally {
      await anvil.stop();
    }
    expect(await answers(anvil.rpcUrl)).toBe(false);
    await anvil.stop(); // a second stop is harmless
  });

  it("takes another chain id", async () => {
    const anvil = await startAnvil({ chainId: 31337 });
    try {
      expect(await createPublicClient({ transport: http(anvil.rpcUrl) }).getChainId()).toBe(31337);
    } finally {
      await anvil.stop();
    }
  });
});
