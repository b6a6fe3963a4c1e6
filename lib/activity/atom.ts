/**
 * Atom 1.0 documents (RFC 4287), written by hand: a feed is a handful of elements, and every text
 * goes through `xmlText`, which escapes markup and drops what XML 1.0 cannot carry at all.
 */

export type AtomEntry = {
  /** A URI that stays the same for this entry forever (feed readers dedupe on it). */
  id: string;
  title: string;
  /** ISO 8601 time. */
  updated: string;
  /** The page the entry is about. */
  link: string;
  summary?: string;
};

export type AtomFeed = { id: string; title: string; updated: string; self: string; alternate: string; entries: readonly AtomEntry[] };

// Characters outside XML 1.0's Char production make a document ill-formed even when escaped.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text safe inside an element or a double-quoted attribute. */
export function xmlText(value: string): string {
  return value.replace(notXmlChar, "").replace(/[&<>"']/g, (c) => entities[c]);
}

const element = (name: string, text: string) => `<${name}>${xmlText(text)}</${name}>`;
const link = (href: string, rel?: string) => `<link${rel ? ` rel="${rel}"` : ""} href="${xmlText(href)}"/>`;

/** The id, title and updated time that Atom requires of the feed and of each entry alike. */
const head = (item: { id: string; title: string; updated: string }) => [element("id", item.id), element("title", item.title), element("updated", item.updated)];

export function atomFeed(feed: AtomFeed): string {
  const entries = feed.entries.map((e) =>
    [
      "<entry>",
      ...head(e),
      link(e.link, "alternate"),
      e.summary ? element("summary", e.summary) : "",
      "</entry>",
    ].join(""),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    ...head(feed),
    "<author><name>Byzantine DV Operator Portal</name></author>",
    link(feed.self, "self"),
    link(feed.alternate, "alternate"),
    ...entries,
    "</feed>",
  ].join("\n");
}

/** The answer of a feed route. */
export function atomResponse(xml: string): Response {
  return new Response(xml, { headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "no-store" } });
}
