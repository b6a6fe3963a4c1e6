// @vitest-environment jsdom
// The browser's wagmi configuration (in a DOM: the injected connector needs a window), with a wallet whose provider answers from the shared test chain.
import { createPublicClient, getAddress, http, type EIP1193Provider } from "viem";
import { describe, expect, inject, it } from "vitest";
import { cookieToInitialState } from "wagmi";
import { connect, getBlockNumber } from "wagmi/actions";
import { injected } from "wagmi/connectors";
import { seededOperators } from "@/devnet/accounts";
import { parseEnv, publicConfig } from "@/lib/env";
import { getWagmiConfig } from "./config";
import { walletCookie } from "@/lib/wallet-cookie";

// The shared chain of devnet/testing/global-setup.ts (devnet/testing/chain.ts compiles contracts, which a DOM test cannot).
const rpcUrl = inject("rpcUrl");
const deployment = inject("deployment");
const chainBlock = () => createPublicClient({ transport: http(rpcUrl) }).getBlockNumber();
const secretRpc = "https://rpc.example/v2/PROVIDER-KEY";
const vars = { NETWORK: "hoodi", RPC_URL: secretRpc, AUCTION_ADDRESS: deployment.auction, VAULT_ADDRESS: deployment.vault, DEPLOYMENT_BLOCK: "0", CREATOR_PRIVATE_KEY: `0x${"11".repeat(32)}` };

/** An EIP-1193 wallet on `chainId` that forwards reads to the test chain. */
function walletProvider(chainId: number): EIP1193Provider {
  const account = getAddress(seededOperators[0].address);
  const request = async ({ method, params }: { method: string; params?: unknown }) => {
    if (method === "eth_requestAccounts" || method === "eth_accounts") return [account];
    if (method === "eth_chainId") return `0x${chainId.toString(16)}`;
    const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }) });
    const body = (await response.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new Error(body.error.message);
    return body.result;
  };
  return { request, on: () => undefined, removeListener: () => undefined } as unknown as EIP1193Provider;
}

async function connectedConfig(env: Record<string, string>, walletChainId: number) {
  const config = getWagmiConfig(publicConfig(parseEnv(env)), [injected({ target: () => ({ id: "test", name: "Test Wallet", provider: walletProvider(walletChainId) }) })]);
  await connect(config, { connector: config.connectors[0] });
  return config;
}

describe("wagmi configuration", () => {
  it("names no RPC node of the server's", () => {
    const config = getWagmiConfig(publicConfig(parseEnv(vars)));
    expect(JSON.stringify(config.chains)).not.toContain("PROVIDER-KEY");
    expect(config.chains[0].rpcUrls.default.http).toEqual([]);
  });

  it("reads the chain through the connected wallet when there is no PUBLIC_RPC_URL", async () => {
    const config = await connectedConfig(vars, deployment.chainId);
    expect(await getBlockNumber(config, { chainId: deployment.chainId })).toBe(await chainBlock());
  });

  it("keeps a connection in the cookie that the server and server.ts look for (lib/wallet-cookie.ts)", async () => {
    const server = getWagmiConfig(publicConfig(parseEnv(vars)));
    await connectedConfig(vars, deployment.chainId);
    const cookie = document.cookie;
    expect(cookie.split("; ").some((pair) => pair.startsWith(`${walletCookie}=`))).toBe(true);
    const state = cookieToInitialState(server, cookie);
    expect(state?.connections.get(state.current!)?.accounts[0]).toBe(getAddress(seededOperators[0].address));
  });

  it("refuses to read one chain through a wallet on another", async () => {
    const config = await connectedConfig(vars, 1);
    await expect(getBlockNumber(config, { chainId: deployment.chainId })).rejects.toThrow(/Your wallet is on chain 1; switch it to chain 560048/);
  });

  it("reads from PUBLIC_RPC_URL when given", async () => {
    const config = await connectedConfig({ ...vars, PUBLIC_RPC_URL: rpcUrl }, 1);
    expect(config.chains[0].rpcUrls.default.http).toEqual([rpcUrl]);
    expect(await getBlockNumber(config, { chainId: deployment.chainId })).toBe(await chainBlock());
  });
});
