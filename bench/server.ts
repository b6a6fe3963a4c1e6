import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { preparePgliteTemplate } from "@/lib/db/pglite-template";

/** The production portal for benchmarks: `next build` when needed, then server.ts on a port. */

const nextBin = () => createRequire(import.meta.url).resolve("next/dist/bin/next");

export async function buildPortal(force: boolean): Promise<void> {
  // Once per checkout, not per server: the measured server unpacks its store, as it does on a machine that ran before.
  await preparePgliteTemplate();
  if (!force && existsSync(".next/BUILD_ID")) return;
  console.log("building the portal (next build)…");
  const build = spawn(process.execPath, [nextBin(), "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", AUCTION_ADDRESS: "0x0000000000000000000000000000000000000001", VAULT_ADDRESS: "0x0000000000000000000000000000000000000002" },
  });
  const code = await new Promise<number | null>((resolve) => build.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (${code})`);
}

/**
 * `npm start`'s Node arguments (package.json: "node <flags> --import tsx server.ts"), so the
 * benchmarks measure the server with the memory settings production runs it with. Node is
 * started directly: stopping an npm wrapper could leave the server running.
 */
function startCommand(): string[] {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.trim().split(/\s+/);
  if (command !== "node") throw new Error(`package.json's start script must run node, not ${command}`);
  return args;
}

/**
 * The portal as it is run for real (server.ts: Next behind the portal's request handling) on
 * `port`, with the devnet `env`. A benchmark sends requests as fast as it can from one address:
 * the rate limits are lifted, so the figures are the server's work, not its refusals; the
 * watcher is off, so the chain requests counted are the pages' own.
 * `cpuProfileDir`: the server writes a V8 CPU profile there when it exits (SIGTERM).
 */
export async function startPortal(
  port: number,
  env: Record<string, string>,
  options: { cpuProfileDir?: string } = {},
): Promise<{ url: string; child: ChildProcess }> {
  const profile = options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfileDir] : [];
  const child = spawn(process.execPath, [...profile, ...startCommand(), "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      RATE_LIMIT_WRITES_PER_MINUTE: "1000000",
      RATE_LIMIT_READS_PER_MINUTE: "1000000",
      WATCHER: "off",
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("the portal server did not answer within 120 s");
    try {
      await fetch(`${url}/robots.txt`);
      return { url, child };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Resident memory (MB) of a process and its children (next start may fork its server). */
export function residentMb(pid: number): number {
  const rss = (p: number): number => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      return kb + children.reduce((n, c) => n + rss(c), 0);
    } catch {
      return 0;
    }
  };
  return rss(pid) / 1024;
}
