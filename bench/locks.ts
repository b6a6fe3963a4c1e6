/**
 * The lock path's figures for `npm run bench` (issue 11): what the server spends on one invalid
 * lock, on one amplified lock (1,000 copies of a partial deposit), on a valid 4-operator lock and
 * on a re-post of the stored one, how a cheap GET fares while 8 clients post invalid locks, and
 * the answer to a huge malformed body. CPU time is the server process's (every thread's
 * schedstat, so work moved to other threads still counts); the verification alone is also timed
 * in this process (`npm run bench` runs with the react-server condition, under which the
 * server-only native BLS module loads).
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Hex } from "viem";
import { serverCrypto } from "@/lib/locks/accept";
import { runTestDkg, type LockJson } from "@/devnet/dkg";
import { definitionSchema, lockSchema } from "@/lib/obol/schema";
import { verifyLock } from "@/lib/obol/verify";
import { nodeKey, seedPhases } from "@/scripts/seed-phases";
import type { Deployment } from "@/devnet/deploy";
import { percentile } from "./stats";
import { timedGet } from "./timed-get";

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** CPU time of every thread of `pid` and its descendants, in ms (schedstat: nanoseconds on a CPU). */
function processTreeCpuMs(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we read.
    }
  }
  let total = 0;
  const visit = (p: number) => {
    try {
      for (const task of readdirSync(`/proc/${p}/task`)) total += Number(readFileSync(`/proc/${p}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // Gone.
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return total / 1e6;
}

type Answer = { status: number; bytes: number; message: string; wall: number };

async function postLock(base: string, body: string): Promise<Answer> {
  const start = performance.now();
  const response = await fetch(`${base}/api/v1/lock`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await response.text();
  let message = "";
  try {
    message = String((JSON.parse(text) as { message?: unknown }).message ?? "");
  } catch {
    message = text.slice(0, 200);
  }
  return { status: response.status, bytes: Buffer.byteLength(text), message: message.slice(0, 160), wall: performance.now() - start };
}

export async function benchLocks(opts: { base: string; rpcUrl: string; deployment: Deployment; serverPid: number }) {
  const { base, serverPid } = opts;
  const cpu = () => processTreeCpuMs(serverPid);
  console.log("\nLock path (seeding the clusters of every phase through the portal's API)…");
  const phases = await seedPhases({ baseUrl: base, rpcUrl: opts.rpcUrl, deployment: opts.deployment });
  const ready = phases.find((p) => p.phase === "ready-for-dkg");
  const done = phases.find((p) => p.phase === "dkg-done");
  if (!ready || !done) throw new Error("seedPhases made no ready-for-dkg or dkg-done cluster");

  // A genuine lock of the ready cluster's served definition (its nodes' real keys), not yet posted.
  const definition = definitionSchema.parse(await (await fetch(`${base}/api/v1/definition/${ready.configHash}`)).json());
  const { json: valid } = await runTestDkg({
    definition,
    operatorKeys: definition.operators.map((_, i) => nodeKey(ready.configHash, i)),
    seed: "bench",
  });
  const dv0 = valid.distributed_validators![0];
  // Invalid only in the aggregate: a well-formed BLS signature of something else (a deposit's), so
  // every cheaper check passes and the server must do the BLS work to refuse it.
  const invalid: LockJson = { ...valid, signature_aggregate: dv0.partial_deposit_data![0].signature };
  const amplified = (copies: number): LockJson => ({
    ...valid,
    distributed_validators: [{ ...dv0, partial_deposit_data: Array.from({ length: copies }, () => dv0.partial_deposit_data![0]) }],
  });
  const storedLock = (await (await fetch(`${base}/api/v1/lock/configHash/${done.configHash}`)).json()) as { lock_hash: Hex };
  const cheapGet = `${base}/api/v1/lock/${storedLock.lock_hash}`;

  const cpuOf = async (label: string, body: string, runs: number) => {
    let answer: Answer | undefined;
    const before = cpu();
    for (let i = 0; i < runs; i++) answer = await postLock(base, body);
    const spent = (cpu() - before) / runs;
    console.log(`${label.padEnd(44)} ${ms(spent).padStart(10)} CPU  (${answer!.status}: ${answer!.message})`);
    return answer!;
  };

  console.log("\nServer CPU time per lock POST (mean)");
  await cpuOf("invalid lock (bad signature_aggregate), x10", JSON.stringify(invalid), 10);

  // The amplified lock, with a cheap GET sent while it is being handled.
  const ampBefore = cpu();
  const ampPost = postLock(base, JSON.stringify(amplified(1000)));
  await new Promise((r) => setTimeout(r, 100));
  const getDuring = await timedGet(cheapGet);
  const amp = await ampPost;
  console.log(
    `${"amplified lock (1,000 partial deposits), x1".padEnd(44)} ${ms(cpu() - ampBefore).padStart(10)} CPU  (${amp.status} after ${ms(amp.wall)}: ${amp.message})`,
  );
  console.log(`${"  a GET sent 100 ms into it answered in".padEnd(44)} ${ms(getDuring).padStart(10)}`);
  // Small enough for any body cap: the shape check, not the cap, must refuse it.
  await cpuOf("amplified lock (100 partial deposits), x1", JSON.stringify(amplified(100)), 1);

  // Eight clients flooding invalid locks; a cheap GET against the same GET unloaded.
  const getRuns = 100;
  const unloaded: number[] = [];
  for (let i = 0; i < getRuns; i++) unloaded.push(await timedGet(cheapGet));
  let flooding = true;
  let posted = 0;
  const body = JSON.stringify(invalid);
  const clients = Array.from({ length: 8 }, async () => {
    while (flooding) {
      await postLock(base, body);
      posted++;
    }
  });
  await new Promise((r) => setTimeout(r, 500));
  const floodStart = performance.now();
  const loaded: number[] = [];
  for (let i = 0; i < getRuns; i++) {
    loaded.push(await timedGet(cheapGet));
    await new Promise((r) => setTimeout(r, 20));
  }
  const floodTime = performance.now() - floodStart;
  flooding = false;
  await Promise.all(clients);
  console.log(`\nGET ${cheapGet.replace(base, "")} (${getRuns} sequential requests)`);
  console.log(`${"unloaded".padEnd(44)} p50 ${ms(percentile(unloaded, 0.5))}, p95 ${ms(percentile(unloaded, 0.95))}`);
  console.log(
    `${"while 8 clients post invalid locks".padEnd(44)} p50 ${ms(percentile(loaded, 0.5))}, p95 ${ms(percentile(loaded, 0.95))}` +
      `  (${posted} locks posted, ${(posted / ((floodTime + 500) / 1000)).toFixed(0)}/s)`,
  );
  console.log(`${"p95 loaded / unloaded".padEnd(44)} ${(percentile(loaded, 0.95) / percentile(unloaded, 0.95)).toFixed(1)}x`);

  // The verification alone, in this process, as acceptLock runs it (lock-only, native BLS).
  const parsed = lockSchema.parse(valid);
  const verifyCpu: number[] = [];
  for (let i = 0; i < 21; i++) {
    const before = process.cpuUsage();
    const result = await verifyLock(parsed, { lockOnly: true, ...serverCrypto });
    const used = process.cpuUsage(before);
    if (!result.ok) throw new Error("the bench's valid lock does not verify");
    if (i > 0) verifyCpu.push((used.user + used.system) / 1000);
  }
  console.log(`\n${"valid 4-operator lock, verification alone".padEnd(44)} ${ms(percentile(verifyCpu, 0.5)).padStart(10)} CPU  (median of 20, in the bench process)`);
  await cpuOf("valid 4-operator lock (verified, stored), x1", JSON.stringify(valid), 1);
  await cpuOf("the same lock re-posted, x10", JSON.stringify(valid), 10);

  // The malformed body of issue 11: a definition whose operators are a huge list of numbers.
  const huge = `{"cluster_definition":{"operators":[${"1,".repeat(2_600_000)}1]}}`;
  const hugeBefore = cpu();
  const answer = await postLock(base, huge);
  console.log(
    `${`malformed body, ${(huge.length / 1e6).toFixed(1)} MB`.padEnd(44)} ${ms(cpu() - hugeBefore).padStart(10)} CPU  ` +
      `(${answer.status}, ${answer.bytes} bytes answer after ${ms(answer.wall)})`,
  );
}
