import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A JSON-RPC proxy in front of the chain node that counts requests by method, so a benchmark
 * can say how many calls one page render makes (a JSON-RPC batch counts each call in it).
 */
export async function startRpcProxy(target: string) {
  const counts = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    try {
      const parsed = JSON.parse(body) as { method?: string } | { method?: string }[];
      for (const call of Array.isArray(parsed) ? parsed : [parsed]) {
        const method = call.method ?? "?";
        counts.set(method, (counts.get(method) ?? 0) + 1);
      }
    } catch {
      counts.set("<unparsable>", (counts.get("<unparsable>") ?? 0) + 1);
    }
    const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
    res.writeHead(upstream.status, { "content-type": "application/json" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Calls since the last reset, by method, and in total. */
    take() {
      const byMethod = Object.fromEntries([...counts].sort());
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      counts.clear();
      return { total, byMethod };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
