/**
 * vitest globalSetup: ONE anvil for the whole run, deployed and seeded once (devnet/seed.ts), shared
 * by every test file through `inject("rpcUrl")` / `inject("deployment")` / `inject("seed")`
 * (see devnet/testing/chain.ts for the helpers and the rules of use: the shared chain is read-only).
 *
 * Cost: under 1 s once per `vitest run` with the compile cache warm (anvil ~0.2 s, deploy ~0.2 s,
 * seed ~0.3 s); a cold cache adds ~5 s of solc-js, overlapping anvil's start.
 */
import type { TestProject } from "vitest/node";
import { startAnvil, type Anvil } from "../anvil";
import { compileContracts } from "../compile";
import { deployDevnet, type Deployment } from "../deploy";
import { seedDevnet, type SeedSummary } from "../seed";
import { hasVectors, vectorsSkippedMessage } from "../../lib/obol/testdata/vectors-dir";

declare module "vitest" {
  export interface ProvidedContext {
    /** JSON-RPC URL of the shared, seeded anvil (read-only for tests). */
    rpcUrl: string;
    /** Contract addresses on the shared anvil (JSON-safe: numbers and checksummed strings). */
    deployment: Deployment;
    /** What seedDevnet created on the shared anvil: 4 clusters, 7 pending bids, operators 1..12. */
    seed: SeedSummary;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!hasVectors) console.log(vectorsSkippedMessage);
  // Warm the solc-js compile cache while anvil starts; deployDevnet's own compile is then a file read.
  const [anvil] = await Promise.all([startAnvil(), compileContracts()]) as [Anvil, unknown];
  try {
    const deployment = await deployDevnet(anvil.rpcUrl);
    const seed = await seedDevnet(anvil.rpcUrl, deployment);
    project.provide("rpcUrl", anvil.rpcUrl);
    project.provide("deployment", deployment);
    project.provide("seed", seed);
  } catch (error) {
    await anvil.stop();
    throw error;
  }
  return () => anvil.stop();
}
