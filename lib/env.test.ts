import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, publicConfig } from "./env";

const devnetVars = {
  AUCTION_ADDRESS: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  VAULT_ADDRESS: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
};

function problems(vars: Record<string, string | undefined>): string[] {
  try {
    parseEnv(vars);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("fills the devnet preset and checksums addresses", () => {
    const env = parseEnv(devnetVars);
    expect(env.NETWORK).toBe("devnet");
    expect(env.CHAIN_ID).toBe(560048);
    expect(env.FORK_VERSION).toBe("0x10000910");
    expect(env.RPC_URL).toBe("http://127.0.0.1:8545");
    expect(env.AUCTION_ADDRESS).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("carries the known Holesky deployment", () => {
    const env = parseEnv({
      NETWORK: "holesky",
      RPC_URL: "https://rpc.example/holesky",
      CREATOR_PRIVATE_KEY: `0x${"11".repeat(32)}`,
    });
    expect(env.CHAIN_ID).toBe(17000);
    expect(env.AUCTION_ADDRESS).toBe("0xC050C50e18CB8787dDF1E1227c0FE7A8a5404815");
    expect(env.VAULT_ADDRESS).toBe("0x7027CfbB4E295288c7346c04C577f03aA9a1e5a4");
    expect(env.DEPLOYMENT_BLOCK).toBe(2510889);
    expect(env.FORK_VERSION).toBe("0x01017000");
  });

  it("lets only the devnet send webhooks to local receivers by default, and runs the watcher in the server", () => {
    expect(parseEnv(devnetVars)).toMatchObject({ WEBHOOK_ALLOWED_HOSTS: ["127.0.0.1", "localhost"], WATCHER: "inline" });
    const holesky = parseEnv({ NETWORK: "holesky", RPC_URL: "https://rpc.example/holesky", CREATOR_PRIVATE_KEY: `0x${"11".repeat(32)}` });
    expect(holesky).toMatchObject({ WEBHOOK_ALLOWED_HOSTS: [], WATCHER: "inline", WATCH_INTERVAL_MS: 15_000 });
    expect(parseEnv({ ...devnetVars, WEBHOOK_ALLOWED_HOSTS: " Hooks.Local , 10.0.0.5", WATCHER: "off" })).toMatchObject({
      WEBHOOK_ALLOWED_HOSTS: ["hooks.local", "10.0.0.5"],
      WATCHER: "off",
    });
    expect(problems({ ...devnetVars, WEBHOOK_ALLOWED_HOSTS: "https://x/" })[0]).toMatch(/^WEBHOOK_ALLOWED_HOSTS=.* is invalid: expected host names/);
  });

  it("names each missing variable and what it should hold", () => {
    expect(problems({ NETWORK: "mainnet" })).toEqual([
      "RPC_URL is missing: expected the http(s) URL of a JSON-RPC node (required for NETWORK=mainnet)",
      "AUCTION_ADDRESS is missing: expected the address of Byzantine's auction contract (required for NETWORK=mainnet)",
      "VAULT_ADDRESS is missing: expected the address of the strategy vault manager (required for NETWORK=mainnet)",
      "DEPLOYMENT_BLOCK is missing: expected the block number the auction was deployed at (required for NETWORK=mainnet)",
      "CREATOR_PRIVATE_KEY is missing: expected the 0x-prefixed private key that signs cluster definitions as creator (required for NETWORK=mainnet)",
    ]);
  });

  it("names a bad value and never prints a key", () => {
    expect(problems({ ...devnetVars, NETWORK: "goerli" })[0]).toMatch(/^NETWORK="goerli" is invalid: expected one of devnet, hoodi/);
    expect(problems({ ...devnetVars, FORK_VERSION: "0x123" })).toEqual([
      'FORK_VERSION="0x123" is invalid: expected a 4-byte hex fork version such as 0x10000910',
    ]);
    expect(problems({ ...devnetVars, AUCTION_ADDRESS: "0x1234" })[0]).toMatch(/^AUCTION_ADDRESS="0x1234" is invalid/);
    expect(problems({ ...devnetVars, DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL=.*postgres/);
    const keyProblem = problems({ ...devnetVars, CREATOR_PRIVATE_KEY: "0xnotakey" });
    expect(keyProblem).toEqual(['CREATOR_PRIVATE_KEY="<hidden>" is invalid: expected a 0x-prefixed 32-byte hex private key']);
  });

  it("refuses a fork version charon cannot sign for, or one of another chain", () => {
    expect(problems({ ...devnetVars, FORK_VERSION: "0x12345678" })[0]).toMatch(
      /^FORK_VERSION="0x12345678" is invalid: charon knows no chain for this fork version; expected one of 0x00000000/,
    );
    expect(problems({ ...devnetVars, CHAIN_ID: "1" })).toEqual([
      'CHAIN_ID="1" is invalid: fork version 0x10000910 belongs to chain 560048, so CHAIN_ID must be 560048',
    ]);
  });

  it("refuses the public anvil key outside the devnet", () => {
    const found = problems({
      NETWORK: "hoodi",
      RPC_URL: "https://rpc.example/hoodi",
      ...devnetVars,
      DEPLOYMENT_BLOCK: "1",
      CREATOR_PRIVATE_KEY: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    });
    expect(found).toEqual([
      'CREATOR_PRIVATE_KEY="<hidden>" is invalid: the public anvil test key may only be used on the devnet; set your own key',
    ]);
  });

  it("keeps secrets out of the public configuration", () => {
    const pub = publicConfig(parseEnv({ ...devnetVars, DATABASE_URL: "postgres://u:p@h/db" }));
    const text = JSON.stringify(pub);
    expect(text).not.toContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    expect(text).not.toContain("postgres://");
    expect(pub.auction).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  });
});

describe("publicConfig and the server's RPC_URL", () => {
  const hoodi = { NETWORK: "hoodi", RPC_URL: "https://rpc.example/v2/PROVIDER-KEY", ...devnetVars, DEPLOYMENT_BLOCK: "1", CREATOR_PRIVATE_KEY: `0x${"11".repeat(32)}` };

  it("never contains RPC_URL: the browser gets PUBLIC_RPC_URL or nothing", () => {
    const none = publicConfig(parseEnv(hoodi));
    expect(JSON.stringify(none)).not.toContain("PROVIDER-KEY");
    expect(none.rpcUrl).toBeNull();
    const given = publicConfig(parseEnv({ ...hoodi, PUBLIC_RPC_URL: "https://public.example/rpc" }));
    expect(JSON.stringify(given)).not.toContain("PROVIDER-KEY");
    expect(given.rpcUrl).toBe("https://public.example/rpc");
  });
});
