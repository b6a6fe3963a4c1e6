import { getAddress, isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { networkOf, networks } from "@/lib/networks";

/**
 * The portal's configuration: read from process.env in this one place, validated with zod.
 * A network preset supplies what is known about a network; variables override it. Code inside
 * Next imports it as lib/env, which adds the server-only guard.
 */

const presetNames = ["devnet", "hoodi", "mainnet", "holesky", "custom"] as const;
export type NetworkName = (typeof presetNames)[number];

type Preset = {
  chainId?: number;
  chainName?: string;
  forkVersion?: Hex;
  auction?: Address;
  vault?: Address;
  deploymentBlock?: number;
  explorerUrl?: string;
  rpcUrl?: string;
};

// Addresses from docs/chain.md; networks without a known deployment need them set.
export const presets: Record<NetworkName, Preset> = {
  devnet: {
    chainId: 560048,
    chainName: "Byzantine devnet",
    forkVersion: "0x10000910",
    rpcUrl: "http://127.0.0.1:8545",
    deploymentBlock: 0,
  },
  hoodi: {
    chainId: 560048,
    chainName: "Hoodi",
    forkVersion: "0x10000910",
    explorerUrl: "https://hoodi.etherscan.io",
  },
  mainnet: {
    chainId: 1,
    chainName: "Ethereum",
    forkVersion: "0x00000000",
    explorerUrl: "https://etherscan.io",
  },
  holesky: {
    chainId: 17000,
    chainName: "Holesky",
    forkVersion: "0x01017000",
    auction: "0xC050C50e18CB8787dDF1E1227c0FE7A8a5404815",
    vault: "0x7027CfbB4E295288c7346c04C577f03aA9a1e5a4",
    deploymentBlock: 2510889,
    explorerUrl: "https://holesky.etherscan.io",
  },
  custom: {},
};

// The first account of anvil's public test mnemonic: a devnet-only default, refused elsewhere.
const devnetCreatorKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

const optional = (s: string | undefined) => (s === undefined || s.trim() === "" ? undefined : s.trim());

const address = z
  .string()
  .refine((s) => isAddress(s, { strict: false }), "expected a 0x-prefixed 20-byte hex address")
  .transform((s) => getAddress(s));

const schema = z
  .object({
    NETWORK: z.enum(presetNames, { message: `expected one of ${presetNames.join(", ")}` }),
    RPC_URL: z.url({ message: "expected an http(s) URL of a JSON-RPC node" }),
    CHAIN_ID: z.coerce.number({ message: "expected a chain id (integer)" }).int().positive(),
    CHAIN_NAME: z.string().min(1),
    AUCTION_ADDRESS: address,
    VAULT_ADDRESS: address,
    DEPLOYMENT_BLOCK: z.coerce.number({ message: "expected a block number" }).int().nonnegative(),
    FORK_VERSION: z
      .string()
      .regex(/^0x[0-9a-fA-F]{8}$/, "expected a 4-byte hex fork version such as 0x10000910")
      .transform((s) => s.toLowerCase() as Hex),
    CREATOR_PRIVATE_KEY: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, "expected a 0x-prefixed 32-byte hex private key")
      .transform((s) => s as Hex),
    EXPLORER_URL: z.url({ message: "expected the base URL of a block explorer" }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "expected a postgres:// connection URL")
      .optional(),
    BEACON_API_URL: z.url({ message: "expected the base URL of a beacon node API" }).optional(),
    LOG_CHUNK_SIZE: z.coerce.number({ message: "expected a number of blocks" }).int().positive(),
    INDEX_CONFIRMATIONS: z.coerce.number({ message: "expected a number of blocks" }).int().nonnegative(),
    PGLITE_DIR: z.string().min(1),
    /** The RPC URL browsers may use (never RPC_URL, which may carry a provider key); unset: the wallet's own provider. */
    PUBLIC_RPC_URL: z.url({ message: "expected an http(s) URL of a JSON-RPC node that browsers may use" }).optional(),
    /** A WalletConnect Cloud project id: with it, wallets on other devices can connect through WalletConnect's relay. */
    WALLETCONNECT_PROJECT_ID: z.string().regex(/^[0-9a-f]{32}$/, "expected a WalletConnect Cloud project id (32 hex digits)").optional(),
    /** This portal's public origin, for absolute URLs shown to people (the charon dkg command). */
    PUBLIC_URL: z.url({ message: "expected the portal's public origin, such as https://portal.example" }).optional(),
    /** How long one JSON-RPC request may take before the chain node counts as not answering. */
    RPC_TIMEOUT_MS: z.coerce.number({ message: "expected a number of milliseconds" }).int().min(100).max(120_000),
    /** Per client address: requests that write (POST, PUT, DELETE) and requests that read, per minute. */
    RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number({ message: "expected a number of requests" }).int().positive(),
    RATE_LIMIT_READS_PER_MINUTE: z.coerce.number({ message: "expected a number of requests" }).int().positive(),
    /** Request headers set by a trusted reverse proxy (lower case, such as x-forwarded-for); none by default. */
    TRUSTED_PROXY_HEADERS: z
      .string()
      .regex(/^[a-z0-9-]*(,[a-z0-9-]+)*$/, "expected header names separated by commas, such as x-forwarded-for,x-forwarded-proto")
      .transform((s) => (s === "" ? [] : s.split(","))),
    /** Gas one Multicall3 eth_call may use; reads are split to fit, well under nodes' usual 30M cap. */
    MULTICALL_GAS_LIMIT: z.coerce.bigint({ message: "expected an amount of gas" }).min(500_000n, "expected at least 500000 gas").max(1_000_000_000n),
    /** Webhook hosts exempt from the https and public-address rules (lower case, comma-separated): local receivers, tests. */
    WEBHOOK_ALLOWED_HOSTS: z
      .string()
      .regex(/^[a-z0-9.:_-]*(,[a-z0-9.:_-]+)*$/, "expected host names or IP addresses separated by commas, such as 127.0.0.1,localhost")
      .transform((s) => (s === "" ? [] : s.split(","))),
    /** "inline": the server runs the watcher (chain events, webhook deliveries); "off": `npm run worker` does. */
    WATCHER: z.enum(["inline", "off"], { message: "expected inline or off" }),
    /** Time between two rounds of the watcher. */
    WATCH_INTERVAL_MS: z.coerce.number({ message: "expected a number of milliseconds" }).int().min(100).max(3_600_000),
  })
  .superRefine((e, ctx) => {
    // Operators sign EIP-712 messages whose domain chain id comes from the fork version (charon's
    // rule); their wallet must be on that chain, so the two settings have to agree.
    const forkChainId = networkOf(e.FORK_VERSION)?.chainId;
    // zod runs this check even when a field failed its own: malformed values keep that message.
    const wellFormed = /^0x[0-9a-f]{8}$/.test(String(e.FORK_VERSION)) && Number.isInteger(e.CHAIN_ID);
    if (wellFormed && forkChainId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["FORK_VERSION"],
        message: `charon knows no chain for this fork version; expected one of ${Object.keys(networks).join(", ")}`,
      });
    } else if (wellFormed && forkChainId !== e.CHAIN_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["CHAIN_ID"],
        message: `fork version ${e.FORK_VERSION} belongs to chain ${forkChainId}, so CHAIN_ID must be ${forkChainId}`,
      });
    }
    if (e.NETWORK !== "devnet" && e.CREATOR_PRIVATE_KEY.toLowerCase() === devnetCreatorKey) {
      ctx.addIssue({
        code: "custom",
        path: ["CREATOR_PRIVATE_KEY"],
        message: "the public anvil test key may only be used on the devnet; set your own key",
      });
    }
  });

export type Env = z.output<typeof schema>;

// What a missing variable should hold, for the message that stops the server.
const expected: Record<string, string> = {
  RPC_URL: "the http(s) URL of a JSON-RPC node",
  CHAIN_ID: "the chain id",
  AUCTION_ADDRESS: "the address of Byzantine's auction contract",
  VAULT_ADDRESS: "the address of the strategy vault manager",
  DEPLOYMENT_BLOCK: "the block number the auction was deployed at",
  FORK_VERSION: "the network's 4-byte fork version, such as 0x10000910",
  CREATOR_PRIVATE_KEY: "the 0x-prefixed private key that signs cluster definitions as creator",
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses a variable map (process.env by default); throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const network = optional(source.NETWORK) ?? "devnet";
  const preset: Preset = (presets as Record<string, Preset | undefined>)[network] ?? {};
  const pick = (name: string, fallback?: string | number) =>
    optional(source[name]) ?? (fallback === undefined ? undefined : String(fallback));

  const raw = {
    NETWORK: network,
    RPC_URL: pick("RPC_URL", preset.rpcUrl),
    CHAIN_ID: pick("CHAIN_ID", preset.chainId),
    CHAIN_NAME: pick("CHAIN_NAME", preset.chainName ?? "Custom network"),
    AUCTION_ADDRESS: pick("AUCTION_ADDRESS", preset.auction),
    VAULT_ADDRESS: pick("VAULT_ADDRESS", preset.vault),
    DEPLOYMENT_BLOCK: pick("DEPLOYMENT_BLOCK", preset.deploymentBlock),
    FORK_VERSION: pick("FORK_VERSION", preset.forkVersion),
    CREATOR_PRIVATE_KEY: pick("CREATOR_PRIVATE_KEY", network === "devnet" ? devnetCreatorKey : undefined),
    EXPLORER_URL: pick("EXPLORER_URL", preset.explorerUrl),
    DATABASE_URL: pick("DATABASE_URL"),
    BEACON_API_URL: pick("BEACON_API_URL"),
    LOG_CHUNK_SIZE: pick("LOG_CHUNK_SIZE", 50_000),
    // Clusters are numbered in chain order: index only blocks a reorganisation will not undo.
    INDEX_CONFIRMATIONS: pick("INDEX_CONFIRMATIONS", network === "devnet" ? 0 : 3),
    PGLITE_DIR: pick("PGLITE_DIR", ".devnet/pglite"),
    // The devnet's node is public by nature: browsers use it too.
    PUBLIC_RPC_URL: pick("PUBLIC_RPC_URL", network === "devnet" ? (optional(source.RPC_URL) ?? preset.rpcUrl) : undefined),
    PUBLIC_URL: pick("PUBLIC_URL"),
    WALLETCONNECT_PROJECT_ID: pick("WALLETCONNECT_PROJECT_ID"),
    RPC_TIMEOUT_MS: pick("RPC_TIMEOUT_MS", 4_000),
    RATE_LIMIT_WRITES_PER_MINUTE: pick("RATE_LIMIT_WRITES_PER_MINUTE", 60),
    RATE_LIMIT_READS_PER_MINUTE: pick("RATE_LIMIT_READS_PER_MINUTE", 600),
    TRUSTED_PROXY_HEADERS: (optional(source.TRUSTED_PROXY_HEADERS) ?? "").toLowerCase().replace(/\s+/g, ""),
    MULTICALL_GAS_LIMIT: pick("MULTICALL_GAS_LIMIT", 10_000_000),
    // The devnet is one machine: a receiver on it is the point of subscribing there.
    WEBHOOK_ALLOWED_HOSTS: (optional(source.WEBHOOK_ALLOWED_HOSTS) ?? (network === "devnet" ? "127.0.0.1,localhost" : "")).toLowerCase().replace(/\s+/g, ""),
    WATCHER: pick("WATCHER", "inline"),
    WATCH_INTERVAL_MS: pick("WATCH_INTERVAL_MS", network === "devnet" ? 3_000 : 15_000),
  };

  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "configuration");
      const value = raw[name as keyof typeof raw];
      return value === undefined
        ? `${name} is missing: expected ${expected[name] ?? "a value"} (required for NETWORK=${network})`
        : `${name}=${JSON.stringify(name === "CREATOR_PRIVATE_KEY" ? "<hidden>" : value)} is invalid: ${issue.message}`;
    }),
  );
}

let cached: Env | undefined;

/** The process's configuration, parsed once. */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

/** What the browser may know: no keys, no database URL, not the server's RPC_URL (it may carry a provider key). */
export function publicConfig(e: Env = getEnv()) {
  return {
    network: e.NETWORK,
    chainId: e.CHAIN_ID,
    chainName: e.CHAIN_NAME,
    /** null: the browser reads the chain through the connected wallet. */
    rpcUrl: e.PUBLIC_RPC_URL ?? null,
    explorerUrl: e.EXPLORER_URL ?? null,
    auction: e.AUCTION_ADDRESS,
    vault: e.VAULT_ADDRESS,
    forkVersion: e.FORK_VERSION,
    walletConnectProjectId: e.WALLETCONNECT_PROJECT_ID ?? null,
  };
}

export type PublicConfig = ReturnType<typeof publicConfig>;
