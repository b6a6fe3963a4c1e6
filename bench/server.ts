import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { buildPortal as nextBuild, startProductionPortal } from "@/devnet/production-portal";
import { preparePgliteTemplate } from "@/lib/db/pglite-template";

/** The production portal for benchmarks: `next build` when needed, then server.ts on a port. */

export async function buildPortal(force: boolean): Promise<void> {
  // Once per checkout, not per server: the measured server unpacks its store, as it does on a machine that ran before.
  await preparePgliteTemplate();
  if (!force && existsSync(".next/BUILD_ID")) return;
  console.log("building the portal (next build)…");
  await nextBuild();
}

/**
 * The portal as it is run for real on `port`, with the devnet `env`. A benchmark sends requests
 * as fast as it can from one address: the rate limits are lifted, so the figures are the server's
 * work, not its refusals; the watcher is off, so the chain requests counted are the pages' own.
 * `cpuProfileDir`: the server writes a V8 CPU profile there when it exits (SIGTERM).
 */
export function startPortal(port: number, env: Record<string, string>, options: { cpuProfileDir?: string } = {}): Promise<{ url: string; child: ChildProcess }> {
  return startProductionPortal(
    port,
    { RATE_LIMIT_WRITES_PER_MINUTE: "1000000", RATE_LIMIT_READS_PER_MINUTE: "1000000", WATCHER: "off", ...env },
    { nodeArguments: options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfileDir] : [] },
  );
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
