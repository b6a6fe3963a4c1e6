import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Call = { method?: string; params?: unknown[] };

/**
 * A JSON-RPC proxy in front of the chain node that counts HTTP requests and the calls in them
 * (a JSON-RPC batch is one request of many calls), so a benchmark can say how many requests one
 * page render makes. With `callGasCap` it is a node with that `eth_call` gas cap: every eth_call
 * is forwarded with its gas set to the cap, so the node runs out of gas past it as a real one does.
 * `onCall` sees every call (tests check what was asked). With `delayMs`, a request waits that
 * long (the most any of its calls asks for) before it is forwarded: a slow node.
 */
export async function startRpcProxy(
  target: string,
  options: { callGasCap?: bigint; onCall?: (call: Call) => void; delayMs?: (call: Call) => number } = {},
) {
  const counts = new Map<string, number>();
  let requests = 0;
  const capped = (call: Call): Call => {
    if (options.callGasCap === undefined || call.method !== "eth_call" || !Array.isArray(call.params)) return call;
    const [tx, ...rest] = call.params as [Record<string, unknown>, ...unknown[]];
    return { ...call, params: [{ ...tx, gas: `0x${options.callGasCap.toString(16)}` }, ...rest] };
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks).toString("utf8");
    requests += 1;
    let delay = 0;
    try {
      const parsed = JSON.parse(body) as Call | Call[];
      for (const call of Array.isArray(parsed) ? parsed : [parsed]) {
        const method = call.method ?? "?";
        counts.set(method, (counts.get(method) ?? 0) + 1);
        options.onCall?.(call);
        delay = Math.max(delay, options.delayMs?.(call) ?? 0);
      }
      if (options.callGasCap !== undefined) body = JSON.stringify(Array.isArray(parsed) ? parsed.map(capped) : capped(parsed));
    } catch {
      counts.set("<unparsable>", (counts.get("<unparsable>") ?? 0) + 1);
    }
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
      res.writeHead(upstream.status, { "content-type": "application/json" });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Since the last reset: HTTP requests, and the JSON-RPC calls in them by method and in total. */
    take() {
      const byMethod = Object.fromEntries([...counts].sort());
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const taken = { requests, total, byMethod };
      counts.clear();
      requests = 0;
      return taken;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
