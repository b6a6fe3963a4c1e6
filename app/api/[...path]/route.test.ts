import { describe, expect, it } from "vitest";
import * as route from "./route";

describe("an /api path no route claims", () => {
  it.each(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const)("answers %s with 404 JSON", async (method) => {
    const response = await route[method]();
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await response.json()).message).toMatch(/^No API route has this path\./);
  });
});
