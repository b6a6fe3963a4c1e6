import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { atomFeed } from "./atom";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "entry" || name === "link" });

describe("atomFeed", () => {
  it("writes well-formed Atom whatever the texts hold, and they read back as written", () => {
    const hostile = `</title><script>alert("x")</script> & 'quotes' \u0001\u001f bell`;
    const xml = atomFeed({
      id: "urn:test:feed",
      title: hostile,
      updated: "2026-01-02T03:04:05.000Z",
      self: "https://portal.test/api/x/feed.atom?a=1&b=2",
      alternate: "https://portal.test/",
      entries: [{ id: "urn:test:1", title: hostile, updated: "2026-01-02T03:04:05.000Z", link: "https://portal.test/clusters/0x1?x=<y>", summary: "a < b" }],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = parser.parse(xml);
    expect(feed.xmlns).toBe("http://www.w3.org/2005/Atom");
    // Characters XML cannot carry are dropped; the rest comes back unchanged.
    const readable = `</title><script>alert("x")</script> & 'quotes'  bell`;
    expect(feed.title).toBe(readable);
    expect(feed.entry[0].title).toBe(readable);
    expect(feed.entry[0].summary).toBe("a < b");
    expect(feed.link.map((l: { rel: string; href: string }) => [l.rel, l.href])).toEqual([
      ["self", "https://portal.test/api/x/feed.atom?a=1&b=2"],
      ["alternate", "https://portal.test/"],
    ]);
    expect(feed.entry[0].link[0].href).toBe("https://portal.test/clusters/0x1?x=<y>");
  });
});
