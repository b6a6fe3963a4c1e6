/**
 * `npm run dev`: one command for a whole local portal — anvil, contracts, seed data, database,
 * and the portal (server.ts, Next.js in development mode) on :3000. The chain is new at every start (see README), so the embedded database
 * made for the previous chain is cleared with it. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { startAnvil } from "../devnet/anvil";
import { deployDevnet } from "../devnet/deploy";
import { devnetPortalEnv } from "../devnet/portal-env";
import { seedDevnet } from "../devnet/seed";
import { seedPhases } from "./seed-phases";
import { DEVNET_NODES_DIR } from "../devnet/charon/exit-sign";

const port = Number(process.env.PORT ?? 3000);
const anvilPort = Number(process.env.ANVIL_PORT ?? 8545);
const stateDir = ".devnet";
const pgliteDir = `${stateDir}/pglite`;

function log(message: string) {
  console.log(`\x1b[33m[devnet]\x1b[0m ${message}`);
}

async function main() {
  const started = Date.now();
  await mkdir(stateDir, { recursive: true });
  await rm(pgliteDir, { recursive: true, force: true });
  // Node folders belong to the last run's clusters, which the fresh chain does not have.
  await rm(DEVNET_NODES_DIR, { recursive: true, force: true });

  const anvil = await startAnvil({ port: anvilPort }).catch((error: Error) => {
    throw new Error(`could not start anvil on 127.0.0.1:${anvilPort} (${error.message}); set ANVIL_PORT to use another port`);
  });
  log(`anvil on ${anvil.rpcUrl}`);

  let next: ChildProcess | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    clearInterval(ticker);
    next?.kill("SIGTERM");
    await anvil.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  const { deployment, seed } = await (async () => {
    const deployment = await deployDevnet(anvil.rpcUrl);
    await writeFile(`${stateDir}/deployment.json`, `${JSON.stringify(deployment, null, 2)}\n`);
    log(`auction ${deployment.auction}, vault ${deployment.vault}`);
    return { deployment, seed: await seedDevnet(anvil.rpcUrl, deployment) };
  })().catch(async (error: unknown) => {
    // Leave port 8545 free for the next try.
    await anvil.stop();
    throw error;
  });
  log(`seeded ${seed.clusters.length} clusters and ${seed.pendingBids} pending bids in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Blocks only come with transactions under automine; an empty block every 12 s makes the
  // devnet look like a live network (footer, refreshes) without slowing transactions down.
  ticker = setInterval(() => {
    void fetch(anvil.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "evm_mine", params: [] }),
    }).catch(() => undefined);
  }, 12_000);

  // The devnet is new at every start: an index kept in a PostgreSQL server would describe the last one.
  const { DATABASE_URL: ignored, ...inherited } = process.env;
  if (ignored) log("DATABASE_URL is ignored on the devnet: its chain is new at every start, so the embedded database is too");
  next = spawn(process.execPath, ["--import", "tsx", "server.ts", "--dev", "--port", String(port)], {
    stdio: "inherit",
    env: {
      ...inherited,
      ...devnetPortalEnv(anvil.rpcUrl, deployment, pgliteDir),
      NEXT_TELEMETRY_DISABLED: "1",
      // The phase seeding below sends its writes as fast as the portal answers; one developer is no crowd.
      RATE_LIMIT_WRITES_PER_MINUTE: inherited.RATE_LIMIT_WRITES_PER_MINUTE ?? "600",
    },
  });
  next.on("exit", (code) => void stop(code ?? 0));

  // Then, through the portal's own API and the dev wallets, take clusters through every phase
  // (registering, ready for DKG, lock published, deposited, active) so there is something to see.
  const portalUrl = `http://localhost:${port}`;
  while (!(await fetch(`${portalUrl}/api/clusters`).then((r) => r.ok, () => false))) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  try {
    const phases = await seedPhases({ baseUrl: portalUrl, rpcUrl: anvil.rpcUrl, deployment, nodesDir: DEVNET_NODES_DIR });
    log(phases.map((c) => `${c.name}: ${c.phase}`).join(", "));
  } catch (error) {
    log(`seeding the phases failed, the portal keeps running: ${error instanceof Error ? error.message : String(error)}`);
  }
  log(`portal ready on ${portalUrl}`);
}

main().catch((error: unknown) => {
  console.error(`\x1b[31m[devnet] ${error instanceof Error ? error.message : String(error)}\x1b[0m`);
  process.exit(1);
});
