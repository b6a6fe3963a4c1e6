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
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";
import { auctionAbi, multicall3Abi, vaultAbi } from "@/contracts-abi";
import { startAnvil, type Anvil } from "../anvil";
import { deployDevnet, deploymentSchema, type Deployment } from "../deploy";
import { devnetWriter, seedDevnet, type SeedOptions, type SeedSummary } from "../seed";

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

/** `seed`: true, or the seed's options, seeds the chain as seedDevnet does. */
export type OwnChainOptions = { seed?: boolean | SeedOptions; chainId?: number };

/** Starts a private anvil and deploys the devnet contracts on it (and seeds it with `{ seed: true }`). */
export async function startOwnChain(options: OwnChainOptions = {}): Promise<OwnChain> {
  const anvil = await startAnvil({ chainId: options.chainId });
  try {
    const deployment = await deployDevnet(anvil.rpcUrl);
    const seed = options.seed ? await seedDevnet(anvil.rpcUrl, deployment, options.seed === true ? {} : options.seed) : undefined;
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

// ---------------------------------------------------------------- transactions

/** Waits for `hash` (or the promise of one) to be mined and returns its receipt; throws if it reverted. */
export async function mined(publicClient: PublicClient<Transport, Chain>, hash: Hex | Promise<Hex>): Promise<TransactionReceipt> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
  return receipt;
}

/** What the sender paid for gas: `gasUsed * effectiveGasPrice`. */
export const gasCost = (receipt: Pick<TransactionReceipt, "gasUsed" | "effectiveGasPrice">): bigint => receipt.gasUsed * receipt.effectiveGasPrice;

// ---------------------------------------------------------------- reverts

/** Every error the devnet contracts can raise (the vault bubbles the auction's errors up). */
export const devnetErrorsAbi = [...auctionAbi, ...vaultAbi, ...multicall3Abi].filter((item) => item.type === "error") as Abi;

export type RevertError = { errorName: string; args: readonly unknown[] };

/**
 * Awaits `action`, which must fail with a contract revert, and returns the revert decoded:
 * `{ errorName: "NotWhitelisted", args: [] }`, `{ errorName: "Panic", args: [17n] }`, … Throws if
 * `action` succeeds or fails any other way.
 */
export async function revertError(action: Promise<unknown> | (() => Promise<unknown>), abi: Abi = devnetErrorsAbi): Promise<RevertError> {
  try {
    await (typeof action === "function" ? action() : action);
  } catch (error) {
    if (!(error instanceof BaseError)) throw error;
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (!(reverted instanceof ContractFunctionRevertedError)) throw error;
    if (reverted.data?.errorName) return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
    // Not in the ABI the call was made with (e.g. an auction error bubbling through the vault).
    if (reverted.raw && reverted.raw !== "0x") {
      const decoded = decodeErrorResult({ abi, data: reverted.raw });
      return { errorName: decoded.errorName, args: decoded.args ?? [] };
    }
    throw new Error(`reverted without data: ${reverted.shortMessage}`, { cause: error });
  }
  throw new Error("expected a revert, but the call succeeded");
}

/** The decoded error name of the revert `action` must end in ("NotWhitelisted", "Panic", "Error", …). */
export async function revertName(action: Promise<unknown> | (() => Promise<unknown>), abi: Abi = devnetErrorsAbi): Promise<string> {
  return (await revertError(action, abi)).errorName;
}

/** The decoded revert of a mined, failed transaction (replayed with anvil's call tracer). */
export async function minedRevertName(rpcUrl: string, hash: Hex, abi: Abi = devnetErrorsAbi): Promise<string> {
  const request = testClient(rpcUrl).request as unknown as (args: { method: "debug_traceTransaction"; params: [Hex, { tracer: "callTracer" }] }) => Promise<{ output?: Hex; error?: string }>;
  const trace = await request({ method: "debug_traceTransaction", params: [hash, { tracer: "callTracer" }] });
  if (!trace.error) throw new Error(`transaction ${hash} did not revert`);
  if (!trace.output || trace.output === "0x") throw new Error(`transaction ${hash} reverted without data (${trace.error})`);
  return decodeErrorResult({ abi, data: trace.output }).errorName;
}

// ---------------------------------------------------------------- blocks

/**
 * Mines what `send` sends in one go: automine is off while `send` runs (so transactions queue in
 * the pool; give them explicit `nonce` and `gas`, nothing can be estimated against queued state),
 * then blocks are mined until the pool is empty — one block when their gas fits. `timestamp` sets
 * the first block's time. Returns the receipts of the hashes `send` returned, in order. Own chains only.
 */
export async function mineTogether(rpcUrl: string, send: () => Promise<Hex[]>, options: { timestamp?: bigint } = {}): Promise<TransactionReceipt[]> {
  const client = testClient(rpcUrl);
  const publicClient = createPublicClient({ transport: http(rpcUrl), cacheTime: 0, pollingInterval: 50 });
  await client.setAutomine(false);
  let hashes: Hex[];
  try {
    hashes = await send();
    if (options.timestamp !== undefined) await client.setNextBlockTimestamp({ timestamp: options.timestamp });
    for (let blocks = 0; ; blocks++) {
      await client.mine({ blocks: 1 });
      const status = await client.getTxpoolStatus();
      if (status.pending === 0 && status.queued === 0) break;
      if (blocks > hashes.length) throw new Error(`transactions still pending after ${blocks} blocks`);
    }
  } finally {
    await client.setAutomine(true);
  }
  return Promise.all(hashes.map((hash) => publicClient.getTransactionReceipt({ hash })));
}
