/**
 * Chain helpers for tests.
 *
 * Rules (vitest runs test FILES in parallel workers, all against the same shared anvil):
 * - `testChain()` is the shared anvil started by devnet/testing/global-setup.ts, deployed and seeded
 *   once per run. It is READ-ONLY: read the seeded state (4 clusters, 7 pending bids, operators
 *   1..12), never send transactions to it and never snapshot/revert it. A write, even an
 *   "additive" one, changes what other files read (bid ranking, counts, nonces, balances), and a
 *   revert there would wipe other workers' state mid-test.
 * - A file that mutates the chain gets its own anvil with `ownChain()` (registers beforeAll /
 *   afterAll) or `startOwnChain()` (call it yourself). Inside that file, tests isolate from each other
 *   with `chain.withSnapshot(fn)`, `chain.snapshot()` + `chain.revert(id)` or
 *   `revertAfterEach(chain)`. An own chain costs ~0.5-1 s (plus ~0.3 s if seeded).
 */
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeErrorResult,
  defineChain,
  http,
  type Abi,
  type Account,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { auctionAbi, multicall3Abi, vaultAbi } from "@/contracts-abi";
import { startAnvil, type Anvil } from "../anvil";
import { deployDevnet, deploymentSchema, type Deployment } from "../deploy";
import { devnetWriter, seedDevnet, type SeedSummary } from "../seed";

export type TestChain = {
  rpcUrl: string;
  deployment: Deployment;
  /** The devnet as a viem chain: its id, the RPC URL and Multicall3, so `publicClient.multicall` works. */
  chain: Chain;
  /** No cache (`cacheTime: 0`), 50 ms polling. */
  publicClient: PublicClient<Transport, Chain>;
  /** A wallet client sending from `account` (a dev account: devnet/accounts.ts). */
  wallet(account: Account): WalletClient<Transport, Chain, Account>;
  writer: ReturnType<typeof devnetWriter>;
};

/** The devnet as a viem chain (id from the deployment, Multicall3 at its canonical address). */
export function devnetChain(rpcUrl: string, deployment: Deployment): Chain {
  return defineChain({
    id: deployment.chainId,
    name: "Devnet",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    contracts: { multicall3: { address: deployment.multicall3, blockCreated: 0 } },
    testnet: true,
  });
}

function clientsFor(rpcUrl: string, deployment: Deployment): TestChain {
  const chain = devnetChain(rpcUrl, deployment);
  const transport = http(rpcUrl);
  return {
    rpcUrl,
    deployment,
    chain,
    publicClient: createPublicClient({ chain, transport, cacheTime: 0, pollingInterval: 50 }),
    wallet: (account) => createWalletClient({ account, chain, transport, cacheTime: 0, pollingInterval: 50 }),
    writer: devnetWriter(rpcUrl, deployment),
  };
}

/** The shared, seeded anvil of this run (read-only, see the rules above). */
export function testChain(): TestChain & { seed: SeedSummary } {
  const rpcUrl = inject("rpcUrl");
  if (!rpcUrl) throw new Error("no shared anvil: run through vitest with devnet/testing/global-setup.ts as globalSetup");
  // Provided values are JSON round-tripped; parsing restores checksummed addresses and fails loudly on drift.
  const deployment = deploymentSchema.parse(inject("deployment"));
  return { ...clientsFor(rpcUrl, deployment), seed: inject("seed") };
}

// ---------------------------------------------------------------- snapshots

function testClient(rpcUrl: string) {
  return createTestClient({ mode: "anvil", transport: http(rpcUrl), cacheTime: 0 });
}

/** `evm_snapshot`: an id to `revert` to. Only on an own chain. */
export function snapshot(rpcUrl: string): Promise<Hex> {
  return testClient(rpcUrl).snapshot();
}

/** `evm_revert`: restores the state at `id` (anvil then forgets `id` and every later snapshot). */
export async function revert(rpcUrl: string, id: Hex): Promise<void> {
  // viem types evm_revert as void; anvil answers false for an unknown id.
  const request = testClient(rpcUrl).request as unknown as (args: { method: "evm_revert"; params: [Hex] }) => Promise<boolean>;
  if ((await request({ method: "evm_revert", params: [id] })) !== true) throw new Error(`evm_revert ${id} failed (unknown snapshot)`);
}

/** Runs `fn` and then restores the chain to its state before `fn`, whether `fn` threw or not. */
export async function withSnapshot<T>(rpcUrl: string, fn: () => Promise<T>): Promise<T> {
  const id = await snapshot(rpcUrl);
  try {
    return await fn();
  } finally {
    await revert(rpcUrl, id);
  }
}

// ---------------------------------------------------------------- own chains

export type OwnChain = TestChain & {
  anvil: Anvil;
  /** The seedDevnet summary when started with `{ seed: true }`, else undefined. */
  seed: SeedSummary | undefined;
  snapshot(): Promise<Hex>;
  revert(id: Hex): Promise<void>;
  withSnapshot<T>(fn: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
};

export type OwnChainOptions = { seed?: boolean; chainId?: number };

/** Starts a private anvil and deploys the devnet contracts on it (and seeds it with `{ seed: true }`). */
export async function startOwnChain(options: OwnChainOptions = {}): Promise<OwnChain> {
  const anvil = await startAnvil({ chainId: options.chainId });
  try {
    const deployment = await deployDevnet(anvil.rpcUrl);
    const seed = options.seed ? await seedDevnet(anvil.rpcUrl, deployment) : undefined;
    const { rpcUrl } = anvil;
    return {
      ...clientsFor(rpcUrl, deployment),
      anvil,
      seed,
      snapshot: () => snapshot(rpcUrl),
      revert: (id) => revert(rpcUrl, id),
      withSnapshot: (fn) => withSnapshot(rpcUrl, fn),
      stop: () => anvil.stop(),
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/**
 * Registers beforeAll/afterAll hooks for a private anvil in the enclosing file or describe block;
 * call the returned function inside tests/hooks to get it.
 */
export function ownChain(options: OwnChainOptions = {}): () => OwnChain {
  let chain: OwnChain | undefined;
  beforeAll(async () => {
    chain = await startOwnChain(options);
  });
  afterAll(async () => {
    await chain?.stop();
  });
  return () => {
    if (!chain) throw new Error("ownChain() is available inside tests and hooks only, after its beforeAll");
    return chain;
  };
}

/** Snapshot before each test and revert after it, so each test starts from the same state. */
export function revertAfterEach(chain: () => OwnChain): void {
  let id: Hex | undefined;
  beforeEach(async () => {
    id = await chain().snapshot();
  });
  afterEach(async () => {
    if (id) await chain().revert(id);
    id = undefined;
  });
}

// ---------------------------------------------------------------- reverts

/** Every error the devnet contracts can raise (the vault bubbles the auction's errors up). */
export const devnetErrorsAbi = [...auctionAbi, ...vaultAbi, ...multicall3Abi].filter((item) => item.type === "error") as Abi;

/**
 * Awaits `action`, which must fail with a contract revert, and returns the revert's decoded
 * error name ("NotWhitelisted", "Panic", "Error", …). Throws if `action` succeeds or fails otherwise.
 */
export async function revertName(action: Promise<unknown> | (() => Promise<unknown>), abi: Abi = devnetErrorsAbi): Promise<string> {
  try {
    await (typeof action === "function" ? action() : action);
  } catch (error) {
    if (!(error instanceof BaseError)) throw error;
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (!(reverted instanceof ContractFunctionRevertedError)) throw error;
    if (reverted.data?.errorName) return reverted.data.errorName;
    // Not in the ABI the call was made with (e.g. an auction error bubbling through the vault).
    if (reverted.raw && reverted.raw !== "0x") return decodeErrorResult({ abi, data: reverted.raw }).errorName;
    throw new Error(`reverted without data: ${reverted.shortMessage}`, { cause: error });
  }
  throw new Error("expected a revert, but the call succeeded");
}
