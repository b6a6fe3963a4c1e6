/**
 * Starts anvil from the npm package's platform binary. The binary is spawned directly: killing
 * an `npx` or `bin.mjs` wrapper would leave anvil running.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const platformPackages: Record<string, string> = {
  "linux-x64": "@foundry-rs/anvil-linux-amd64",
  "linux-arm64": "@foundry-rs/anvil-linux-arm64",
  "darwin-x64": "@foundry-rs/anvil-darwin-amd64",
  "darwin-arm64": "@foundry-rs/anvil-darwin-arm64",
  "win32-x64": "@foundry-rs/anvil-win32-amd64",
};

export function anvilBinary(): string {
  const pkg = platformPackages[`${process.platform}-${process.arch}`];
  if (!pkg) throw new Error(`anvil has no npm binary for ${process.platform}-${process.arch}`);
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`${pkg}/package.json`)), "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function answers(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export type Anvil = { rpcUrl: string; port: number; stop(): Promise<void> };

/**
 * `pruneHistory`: keep only that many past states, in memory. Without it anvil writes older states
 * to ~/.foundry/anvil/tmp once they pass its memory budget: a chain of thousands of blocks (the
 * benchmark's) left tens of gigabytes there.
 */
export async function startAnvil(options: { port?: number; chainId?: number; pruneHistory?: number } = {}): Promise<Anvil> {
  const port = options.port ?? (await freePort());
  const rpcUrl = `http://127.0.0.1:${port}`;
  if (await answers(rpcUrl)) throw new Error(`port ${port} is already taken by a running node`);

  const child = spawn(
    anvilBinary(),
    [
      ...["--host", "127.0.0.1", "--port", String(port), "--chain-id", String(options.chainId ?? 560048), "--accounts", "20", "--silent"],
      ...(options.pruneHistory === undefined ? [] : ["--prune-history", String(options.pruneHistory)]),
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 20_000;
  while (!(await answers(rpcUrl))) {
    if (child.exitCode !== null) throw new Error(`anvil exited (${child.exitCode}): ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("anvil did not answer within 20 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    rpcUrl,
    port,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
