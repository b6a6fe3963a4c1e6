import { createPublicClient, http } from "viem";
import { describe, expect, it } from "vitest";
import { freePort } from "@/devnet/anvil";
import { redactConsole, rpcUrlRedactor } from "./redact";

describe("RPC_URL redaction", () => {
  it("keeps a provider key in RPC_URL out of a logged viem error", async () => {
    // Nothing listens on the port: viem's error names the URL it tried, key included.
    const rpcUrl = `http://127.0.0.1:${await freePort()}/v2/SECRET-KEY-123?token=abc`;
    const error = await createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) })
      .getBlockNumber()
      .catch((e: unknown) => e);
    const lines: string[] = [];
    const sink = { error: (...args: unknown[]) => void lines.push(args.join(" ")), warn: () => undefined, log: () => undefined, info: () => undefined };
    redactConsole(rpcUrlRedactor(rpcUrl), sink);
    sink.error("route handler failed", error);
    expect(lines[0]).toContain("route handler failed");
    expect(lines[0]).toContain("<RPC_URL>");
    expect(lines[0]).not.toContain("SECRET-KEY-123");
    expect(lines[0]).not.toContain("token=abc");
  });

  it("also hides a key given as the URL's user or password", () => {
    const redact = rpcUrlRedactor("https://user:pa55word@rpc.example/");
    expect(redact("failed: https://user:pa55word@rpc.example/ and pa55word")).toBe("failed: <RPC_URL> and <RPC_URL>");
  });
});
