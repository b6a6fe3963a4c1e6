// The deploy command against a fresh anvil: the variables it prints are a valid NETWORK=custom
// configuration for the portal, naming a working twin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auctionAbi } from "@/contracts-abi";
import { devAccounts } from "@/devnet/accounts";
import { startAnvil, type Anvil } from "@/devnet/anvil";
import { devnetClients } from "@/devnet/deploy";
import { parseEnv } from "@/lib/env";
import { deployTwin } from "./deploy-twin";

let anvil: Anvil;
beforeAll(async () => {
  anvil = await startAnvil();
});
afterAll(async () => {
  await anvil?.stop();
});

describe("npm run deploy:twin", () => {
  it("deploys with another deployer, whitelists, and prints a configuration the portal accepts", async () => {
    const operator = devAccounts[7].address;
    const { deployment, variables } = await deployTwin({ rpcUrl: anvil.rpcUrl, deployerKey: "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6", whitelist: [operator] });
    expect(deployment.deployer).toBe(devAccounts[9].address);
    expect(Object.keys(variables)).toEqual(["NETWORK", "RPC_URL", "CHAIN_ID", "CHAIN_NAME", "FORK_VERSION", "AUCTION_ADDRESS", "VAULT_ADDRESS", "DEPLOYMENT_BLOCK", "CREATOR_PRIVATE_KEY"]);
    const env = parseEnv({ ...variables, PGLITE_DIR: "memory" });
    expect(env).toMatchObject({ NETWORK: "custom", CHAIN_ID: 560048, FORK_VERSION: "0x10000910", AUCTION_ADDRESS: deployment.auction, VAULT_ADDRESS: deployment.vault, DEPLOYMENT_BLOCK: deployment.deploymentBlock });

    const { publicClient } = devnetClients(anvil.rpcUrl);
    const read = (functionName: "owner" | "isWhitelisted", args: readonly unknown[] = []) => publicClient.readContract({ address: env.AUCTION_ADDRESS, abi: auctionAbi, functionName, args } as never);
    expect(await read("owner")).toBe(devAccounts[9].address);
    expect(await read("isWhitelisted", [operator])).toBe(true);
  });

  it("refuses a chain whose id charon pairs with no fork version", async () => {
    const other = await startAnvil({ chainId: 31337 });
    try {
      await expect(deployTwin({ rpcUrl: other.rpcUrl })).rejects.toThrow(/Chain 31337 has no fork version charon knows/);
    } finally {
      await other.stop();
    }
  });
});
