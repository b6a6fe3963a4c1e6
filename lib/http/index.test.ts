import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { bearerToken, HttpError, jsonError, readJson, withErrors } from "./index";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("withErrors", () => {
  it("passes a response through and turns a refusal into its status", async () => {
    expect((await withErrors(async () => new Response("ok"))()).status).toBe(200);
    const refused = await withErrors(async () => {
      throw new HttpError(409, "Taken.", { by: "someone" });
    })();
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ message: "Taken.", details: { by: "someone" } });
  });

  it("answers a zod failure with 400, the issue paths and a sentence", async () => {
    const schema = z.object({ a: z.object({ b: z.number() }), c: z.string() });
    const response = await withErrors(async () => Response.json(schema.parse({ a: { b: "x" } })))();
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.details.issues.map((i: { path: string }) => i.path)).toEqual(["a.b", "c"]);
    expect(body.message).toMatch(/^The request is invalid: a\.b: .+; c: .+\.$/);
  });

  it("logs anything else and answers 500 without leaking it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await withErrors(async () => {
      throw new Error("password=hunter2");
    })();
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("hunter2");
    expect(log).toHaveBeenCalledOnce();
  });
});

describe("request helpers", () => {
  it("reads JSON or refuses with 400", async () => {
    expect(await readJson(new Request("http://x/", { method: "POST", body: '{"a":1}' }))).toEqual({ a: 1 });
    await expect(readJson(new Request("http://x/", { method: "POST", body: "{" }))).rejects.toMatchObject({ status: 400 });
  });

  it("refuses a body past the limit, also when it streams in without a length", async () => {
    const big = JSON.stringify({ pad: "x".repeat(2048) });
    await expect(readJson(new Request("http://x/", { method: "POST", body: big }), 1024)).rejects.toMatchObject({ status: 413 });
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(400)));
        controller.enqueue(new TextEncoder().encode("{}"));
        controller.close();
      },
    });
    const chunked = new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(chunked.headers.get("content-length")).toBeNull();
    await expect(readJson(chunked, 1024)).rejects.toMatchObject({ status: 413 });
    expect(await readJson(new Request("http://x/", { method: "POST", body: big }), 4096)).toEqual(JSON.parse(big));
  });

  it("reads a bearer token", () => {
    expect(bearerToken(new Request("http://x/", { headers: { authorization: "Bearer 0xabc" } }))).toBe("0xabc");
    expect(bearerToken(new Request("http://x/", { headers: { authorization: "Basic 0xabc" } }))).toBeNull();
    expect(bearerToken(new Request("http://x/"))).toBeNull();
  });

  it("writes errors as JSON", async () => {
    expect(await jsonError(404, "Nope.").json()).toEqual({ message: "Nope." });
  });
});
