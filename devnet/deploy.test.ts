/** The deployment on the shared chain (read-only): addresses, wiring, parameters, Multicall3. */
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { auctionAbi, multicall3Abi, stakerRewardsAbi, vaultManagerAbi } from "@/contracts-abi";
import { bidPrice } from "@/lib/auction/math";
import { devAccounts, deployer } from "./accounts";
import { compileContracts } from "./compile";
import { auctionParameters, deploymentSchema } from "./deploy";
import { testChain } from "./testing/chain";

const MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";

describe("deployDevnet", () => {
  it("describes the deployment as JSON the schema reads back", () => {
    const { deployment } = testChain();
    const json = JSON.parse(JSON.stringify(deployment));
    expect(deploymentSchema.parse(json)).toEqual(deployment);
    expect(json).toEqual({
      chainId: 560048,
      auction: getAddress(json.auction),
      implementation: getAddress(json.implementation),
      vault: getAddress(json.vault),
      escrow: getAddress(json.escrow),
      stakerRewards: getAddress(json.stakerRewards),
      splitFactory: getAddress(json.splitFactory),
      multicall3: MULTICALL3,
      deploymentBlock: expect.any(Number),
      deployer: deployer.address,
    });
    // Lower-case addresses are accepted and checksummed.
    expect(deploymentSchema.parse({ ...json, auction: json.auction.toLowerCase() }).auction).toBe(deployment.auction);
    expect(() => deploymentSchema.parse({ ...json, vault: "0x1234" })).toThrow();
  });

  it("wires the auction behind its proxy to the vault manager, escrow, splits and staker rewards, owned by account 0, with Byzantine's parameters", async () => {
    const { publicClient, deployment } = testChain();
    const read = (functionName: string) => publicClient.readContract({ address: deployment.auction, abi: auctionAbi, functionName } as never);
    expect(await read("owner")).toBe(deployer.address);
    expect(await read("strategyVaultManager")).toBe(deployment.vault);
    expect(await read("expectedDailyReturnWei")).toBe(3243835616438356n);
    expect(await read("maxDiscountRate")).toBe(2000);
    expect(await read("minDuration")).toBe(90);
    expect(auctionParameters).toEqual({ expectedDailyReturnWei: 3243835616438356n, maxDiscountRate: 2000, minDuration: 90 });
    expect(await read("escrow")).toBe(deployment.escrow);
    expect(await read("pushSplitFactory")).toBe(deployment.splitFactory);
    expect(await read("stakerRewards")).toBe(deployment.stakerRewards);
    expect(await publicClient.readContract({ address: deployment.vault, abi: vaultManagerAbi, functionName: "beaconChainAdmin" })).toBe(deployer.address);
    expect(await publicClient.readContract({ address: deployment.vault, abi: vaultManagerAbi, functionName: "auction" })).toBe(deployment.auction);
    expect(await publicClient.readContract({ address: deployment.stakerRewards, abi: stakerRewardsAbi, functionName: "auction" })).toBe(deployment.auction);
    // The auction's creation block is where the cluster index starts reading.
    const block = await publicClient.getBlock({ blockNumber: BigInt(deployment.deploymentBlock), includeTransactions: true });
    const receipts = await Promise.all(block.transactions.map((tx) => publicClient.getTransactionReceipt({ hash: tx.hash })));
    expect(receipts.map((r) => r.contractAddress && getAddress(r.contractAddress))).toContain(deployment.auction);
  });
});

describe("Multicall3 at its canonical address", () => {
  it("holds the compiled runtime code", async () => {
    const { publicClient } = testChain();
    expect(await publicClient.getCode({ address: MULTICALL3 })).toBe((await compileContracts()).Multicall3.deployedBytecode);
  });

  it("serves viem's multicall, failures included", async () => {
    const { publicClient, deployment } = testChain();
    const stranger = devAccounts[19].address;
    const [numBids, quoted, whitelisted] = await publicClient.multicall({
      contracts: [
        { address: deployment.auction, abi: auctionAbi, functionName: "getNumBids", args: [1] },
        { address: deployment.auction, abi: auctionAbi, functionName: "getPriceToPay", args: [stranger, 0, 90, 1] },
        { address: deployment.auction, abi: auctionAbi, functionName: "isWhitelisted", args: [devAccounts[1].address] },
      ],
    });
    expect(numBids).toEqual({ status: "success", result: 7n });
    // Byzantine's auction quotes a wallet it has not whitelisted the price plus a 1 ETH bond.
    expect(quoted).toEqual({ status: "success", result: bidPrice(auctionParameters.expectedDailyReturnWei, 0, 90) + 10n ** 18n });
    expect(whitelisted).toEqual({ status: "success", result: true });
    // Without allowFailure a failing call's revert comes through.
    await expect(
      publicClient.multicall({ allowFailure: false, contracts: [{ address: deployment.auction, abi: auctionAbi, functionName: "getPriceToPay", args: [stranger, 2001, 90, 1] }] }),
    ).rejects.toThrow(/DiscountRateTooHigh/);
  });

  it("answers the block, balance and chain getters", async () => {
    const { publicClient } = testChain();
    const read = <T>(functionName: string, args: readonly unknown[] = []) =>
      publicClient.readContract({ address: MULTICALL3, abi: multicall3Abi, functionName, args } as never) as Promise<T>;
    const block = await publicClient.getBlock();
    expect(await read("getBlockNumber")).toBe(block.number);
    expect(await read("getCurrentBlockTimestamp")).toBe(block.timestamp);
    expect(await read("getChainId")).toBe(560048n);
    expect(await read("getEthBalance", [devAccounts[19].address])).toBe(await publicClient.getBalance({ address: devAccounts[19].address }));
    const [blockNumber, data] = await read<[bigint, readonly `0x${string}`[]]>("aggregate", [[{ target: MULTICALL3, callData: "0x42cbb15c" }]]);
    expect(blockNumber).toBe(block.number);
    expect(BigInt(data[0])).toBe(block.number);
    expect(await read("tryAggregate", [false, [{ target: MULTICALL3, callData: "0xdeadbeef" }]])).toEqual([{ success: false, returnData: "0x" }]);
  });
});
