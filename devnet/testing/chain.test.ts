import { getAddress, parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { auctionAbi, vaultManagerAbi } from "@/contracts-abi";
import { multicall3Address } from "@/lib/chain/chains";
import { devAccounts, seededOperators } from "../accounts";
import { revertName, startOwnChain, testChain, withSnapshot } from "./chain";

describe("testChain (shared, read-only)", () => {
  it("is the seeded devnet of the global setup", async () => {
    const { publicClient, deployment, seed, rpcUrl } = testChain();
    expect(rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await publicClient.getChainId()).toBe(560048);
    expect(deployment.chainId).toBe(560048);
    expect(deployment.multicall3).toBe(multicall3Address);
    expect(deployment.auction).toBe(getAddress(deployment.auction));
    for (const address of [deployment.auction, deployment.vault, deployment.multicall3]) {
      expect((await publicClient.getCode({ address }))?.length ?? 0, address).toBeGreaterThan(2);
    }
    expect(seed.clusters).toHaveLength(4);
    expect(new Set(seed.clusters).size).toBe(4);
    expect(seed.pendingBids).toBe(7);
    expect(seed.operators).toEqual(seededOperators.map((a) => a.address));
    expect(
      await publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getNumBids", args: [1] }),
    ).toBe(7n);
  });
});

describe("own chains and snapshots", () => {
  it("reverts to a snapshot and isolates its own anvil from the shared one", async () => {
    const chain = await startOwnChain();
    try {
      const shared = testChain();
      expect(chain.rpcUrl).not.toBe(shared.rpcUrl);
      // Not seeded: nobody is whitelisted on the private chain.
      const operator = devAccounts[15].address;
      expect(await chain.publicClient.readContract({ address: chain.deployment.auction, abi: auctionAbi, functionName: "isWhitelisted", args: [operator] })).toBe(false);

      const before = await chain.publicClient.getBlockNumber();
      const inside = await chain.withSnapshot(async () => {
        const hash = await chain.wallet(devAccounts[0]).writeContract({ address: chain.deployment.auction, abi: auctionAbi, functionName: "whitelistNodeOps", args: [[operator]] });
        await chain.publicClient.waitForTransactionReceipt({ hash });
        return chain.publicClient.readContract({ address: chain.deployment.auction, abi: auctionAbi, functionName: "isWhitelisted", args: [operator] });
      });
      expect(inside).toBe(true);
      expect(await chain.publicClient.readContract({ address: chain.deployment.auction, abi: auctionAbi, functionName: "isWhitelisted", args: [operator] })).toBe(false);
      expect(await chain.publicClient.getBlockNumber()).toBe(before);

      // A snapshot survives a throwing body too.
      const balance = await chain.publicClient.getBalance({ address: operator });
      await expect(
        withSnapshot(chain.rpcUrl, async () => {
          // anvil may answer before it has mined the transaction: wait for the receipt.
          await chain.publicClient.waitForTransactionReceipt({ hash: await chain.wallet(devAccounts[15]).sendTransaction({ to: devAccounts[16].address, value: parseEther("1") }) });
          expect(await chain.publicClient.getBalance({ address: operator })).toBeLessThan(balance - parseEther("1"));
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await chain.publicClient.getBalance({ address: operator })).toBe(balance);

      const id = await chain.snapshot();
      await chain.revert(id);
      // anvil forgets a snapshot once reverted to.
      await expect(chain.revert(id)).rejects.toThrow(/evm_revert/);
    } finally {
      await chain.stop();
    }
  });
});

describe("revertName", () => {
  it("names the custom error, including ones bubbling through another contract", async () => {
    const { publicClient, deployment } = testChain();
    const stranger = devAccounts[19];
    expect(
      await revertName(publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getPriceToPay", args: [stranger.address, 2001, 90, 1] })),
    ).toBe("DiscountRateTooHigh");
    // The vault's refusal, raised inside the vault manager's call.
    expect(
      await revertName(() =>
        publicClient.simulateContract({ account: stranger, address: deployment.vault, abi: vaultManagerAbi, functionName: "createStratVaultAndStakeNativeETH", value: 10n ** 18n }),
      ),
    ).toBe("CanOnlyDepositMultipleOf32ETH");
    expect(
      await revertName(() => publicClient.simulateContract({ account: stranger, address: deployment.auction, abi: auctionAbi, functionName: "bid", args: [0, 90, 1] })),
    ).toBe("NotWhitelisted");
  });

  it("refuses a call that succeeds", async () => {
    const { publicClient, deployment } = testChain();
    await expect(revertName(publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName: "getNumBids", args: [1] }))).rejects.toThrow(
      "expected a revert",
    );
  });
});
