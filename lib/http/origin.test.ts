import { describe, expect, it } from "vitest";
import { originOf } from "./origin";

const spoofed = new Headers({ host: "portal.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" });

describe("the portal's origin for URLs shown to people", () => {
  it("ignores a forwarded host and protocol unless the proxy is trusted", () => {
    expect(originOf(spoofed, { trusted: [] })).toBe("https://portal.example");
    expect(originOf(spoofed, { trusted: ["x-forwarded-host", "x-forwarded-proto"] })).toBe("http://evil.example");
  });

  it("takes PUBLIC_URL over any header", () => {
    expect(originOf(spoofed, { publicUrl: "https://dv.byzantine.example/", trusted: ["x-forwarded-host"] })).toBe("https://dv.byzantine.example");
  });

  it("uses only http and https, and only a host name", () => {
    const hostile = new Headers({ host: "localhost:3000", "x-forwarded-proto": "javascript", "x-forwarded-host": "a.example/<script>" });
    expect(originOf(hostile, { trusted: ["x-forwarded-host", "x-forwarded-proto"] })).toBe("http://localhost:3000");
    expect(originOf(spoofed, { publicUrl: "javascript://alert(1)", trusted: [] })).toBe("https://portal.example");
  });
});
