import { BaseError, CallExecutionError, ContractFunctionRevertedError, HttpRequestError, TimeoutError } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { withErrors } from "./index";
import { chainUnavailable, isChainUnavailable } from "./unavailable";

afterEach(() => {
  vi.restoreAllMocks();
});

const httpFailure = () => new HttpRequestError({ url: "http://node.test", body: { method: "eth_call" }, cause: new TypeError("fetch failed") });

describe("isChainUnavailable", () => {
  it("finds a node that did not answer anywhere in the cause chain", () => {
    expect(isChainUnavailable(httpFailure())).toBe(true);
    expect(isChainUnavailable(new TimeoutError({ body: { method: "eth_blockNumber" }, url: "http://node.test" }))).toBe(true);
    expect(isChainUnavailable(new CallExecutionError(httpFailure(), {}))).toBe(true);
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(isChainUnavailable(new Error("fetch failed", { cause: refused }))).toBe(true);
    expect(isChainUnavailable(chainUnavailable("The node is down."))).toBe(true);
  });

  it("is false for an answer the node gave, and for other failures", () => {
    expect(isChainUnavailable(new ContractFunctionRevertedError({ abi: [], functionName: "f" }))).toBe(false);
    expect(isChainUnavailable(new BaseError("execution reverted"))).toBe(false);
    expect(isChainUnavailable(new Error("relation \"clusters\" does not exist"))).toBe(false);
  });
});

describe("withErrors and the chain node", () => {
  it("answers 503 with Retry-After and a sentence, without logging an error", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const response = await withErrors(async () => {
      throw new CallExecutionError(httpFailure(), {});
    })();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await response.json()).message).toMatch(/^The chain node is not answering, .+ Try again in \d+ seconds\.$/);
    expect(error).not.toHaveBeenCalled();
  });
});
