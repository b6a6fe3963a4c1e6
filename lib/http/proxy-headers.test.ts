import { describe, expect, it } from "vitest";
import { sanitiseProxyHeaders } from "./proxy-headers";

describe("the client address", () => {
  it("is the socket's unless a trusted header carries one, IPv6 per /64", () => {
    expect(sanitiseProxyHeaders({}, "::ffff:192.0.2.1", [])).toBe("192.0.2.1");
    expect(sanitiseProxyHeaders({}, "2001:db8:a:b:1:2:3:4", [])).toBe("2001:db8:a:b::/64");
    expect(sanitiseProxyHeaders({}, "2001:db8::1", [])).toBe("2001:db8:0:0::/64");
    expect(sanitiseProxyHeaders({ "x-real-ip": "198.51.100.4" }, "10.0.0.1", [])).toBe("10.0.0.1");
    expect(sanitiseProxyHeaders({ "x-real-ip": "198.51.100.4" }, "10.0.0.1", ["x-real-ip"])).toBe("198.51.100.4");
    expect(sanitiseProxyHeaders({ "x-forwarded-for": "1.1.1.1, 198.51.100.5:4711" }, "10.0.0.1", ["x-forwarded-for"])).toBe("198.51.100.5");
    expect(sanitiseProxyHeaders({ forwarded: 'for=1.1.1.1, for="[2001:db8:1:2::9]:4711"' }, "10.0.0.1", ["forwarded"])).toBe("2001:db8:1:2::/64");
    // A trusted header that holds no address leaves the socket's.
    expect(sanitiseProxyHeaders({ "x-forwarded-for": "unknown" }, "10.0.0.1", ["x-forwarded-for"])).toBe("10.0.0.1");
  });
});
