import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * The portal as production runs it, for the browser tests and the benchmarks: `next build`, then
 * server.ts (Next behind the portal's request handling) started with `npm start`'s Node arguments,
 * so both measure and test the server with the memory settings it really runs with.
 */

const nextBin = () => createRequire(import.meta.url).resolve("next/dist/bin/next");

/** `next build`. The addresses only satisfy the configuration check: pages read them at run time. */
export async function buildPortal(): Promise<void> {
  const build = spawn(process.execPath, [nextBin(), "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      AUCTION_ADDRESS: "0x0000000000000000000000000000000000000001",
      VAULT_ADDRESS: "0x0000000000000000000000000000000000000002",
    },
  });
  const code = await new Promise<number | null>((resolve) => build.on("exit", resolve));
  if (code !== 0) throw new Error(`next build exited with ${code}`);
}

/**
 * `npm start`'s Node arguments (package.json: "node <flags> --import tsx server.ts"). Node is
 * started directly: stopping an npm wrapper could leave the server running.
 */
function startArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.trim().split(/\s+/);
  if (command !== "node") throw new Error(`package.json's start script must run node, not ${command}`);
  return args;
}

/**
 * The built portal on 127.0.0.1:`port` with `env`, once `readyPath` answers below 500 (the first
 * index of the chain is built by then when the path needs it). `nodeArguments` go before the
 * script's, e.g. a CPU profile.
 */
export async function startProductionPortal(
  port: number,
  env: Record<string, string>,
  options: { readyPath?: string; nodeArguments?: string[] } = {},
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...(options.nodeArguments ?? []), ...startArguments(), "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url + (options.readyPath ?? "/robots.txt"))).status < 500) return { url, child };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`the portal server did not answer within 120 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
