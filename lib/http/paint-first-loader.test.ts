import { Writable } from "node:stream";
import { JSDOM } from "jsdom";
import { createElement, Suspense, use, type ReactNode } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LOADER } from "./paint-first-loader";

type LoaderWindow = JSDOM["window"] & { __portalHydrated(): void; __portalScript(src: string): void };

/** A page as the server sends it, with the loader run first, as its inline script is. */
function page(body: string, options: { visible?: boolean } = {}) {
  const dom = new JSDOM(`<!DOCTYPE html><html><head></head><body>${body}</body></html>`, {
    runScripts: "outside-only",
    pretendToBeVisual: options.visible ?? true,
  });
  dom.window.eval(LOADER);
  const window = dom.window as LoaderWindow;
  const clicks: string[] = [];
  /** What React does once it listens: handle clicks (and submits) that bubble to the document. */
  const listen = () => {
    window.document.addEventListener("click", (event) => clicks.push((event.target as Element).id));
    window.document.addEventListener("submit", (event) => {
      event.preventDefault();
      clicks.push(`submit ${(event.target as Element).id}`);
    });
  };
  const click = (id: string) => {
    const event = new window.MouseEvent("click", { bubbles: true, cancelable: true });
    window.document.getElementById(id)!.dispatchEvent(event);
    return event;
  };
  return { window, clicks, listen, click };
}

describe("the paint-first loader", () => {
  it("holds a click on a button until React listens, then dispatches it again on the same element, once", () => {
    const { window, clicks, listen, click } = page('<button id="refresh" type="button"><svg></svg><span id="label">Refresh</span></button>');
    const early = click("label");
    expect(early.defaultPrevented).toBe(true);
    listen();
    click("label");
    expect(clicks).toEqual([]);
    window.__portalHydrated();
    expect(clicks).toEqual(["label", "label"]);
    // After hydration clicks go through, and a second signal replays nothing.
    window.__portalHydrated();
    click("refresh");
    expect(clicks).toEqual(["label", "label", "refresh"]);
  });

  it("holds a submit button's click, so the form is not sent the browser's way, and submits it after", () => {
    const { window, clicks, listen, click } = page('<form id="verify"><textarea id="json"></textarea><button id="go" type="submit">Verify</button></form>');
    let submittedEarly = false;
    window.document.addEventListener("submit", () => (submittedEarly = true), true);
    click("go");
    expect(submittedEarly).toBe(false);
    listen();
    window.__portalHydrated();
    expect(clicks).toEqual(["go", "submit verify"]);
  });

  it("lets links, form fields and plain text keep the browser's own behaviour, and holds a click on a row", () => {
    const { window, clicks, listen, click } = page(
      '<a id="link" href="#x"><span id="inlink">open</span></a><input id="box" type="checkbox"><p id="text">words</p>' +
        '<table><tbody><tr id="row"><td id="cell">DV5</td></tr></tbody></table>',
    );
    listen();
    expect(click("inlink").defaultPrevented).toBe(false);
    expect(click("box").defaultPrevented).toBe(false);
    expect(click("text").defaultPrevented).toBe(false);
    expect((window.document.getElementById("box") as HTMLInputElement).checked).toBe(true);
    expect(click("cell").defaultPrevented).toBe(true);
    expect(clicks).toEqual(["inlink", "box", "text"]);
    window.__portalHydrated();
    expect(clicks).toEqual(["inlink", "box", "text", "cell"]);
  });

  it("tries a held click again while React refuses it (the part of the page holding it is not hydrated yet), and submits a form once", async () => {
    const { window, clicks, listen, click } = page('<form id="verify"><button id="go" type="submit">Verify</button></form>');
    let submitsByBrowser = 0;
    window.document.getElementById("verify")!.addEventListener("submit", () => submitsByBrowser++);
    click("go");
    listen();
    // What React does with a click on a boundary it cannot hydrate yet: stop it before its target.
    let hydrating = true;
    window.document.addEventListener("click", (event) => hydrating && event.stopPropagation(), true);
    window.__portalHydrated();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(clicks).toEqual([]);
    expect(submitsByBrowser).toBe(0);
    hydrating = false;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(clicks).toEqual(["go", "submit verify"]);
    expect(submitsByBrowser).toBe(1);
    window.close();
  });

  it("starts the queued scripts after the first frame, in order, and at once in a hidden tab", async () => {
    const visible = page("");
    visible.window.__portalScript("/_next/static/chunks/a.js");
    visible.window.__portalScript("/_next/static/chunks/b.js");
    const started = (w: LoaderWindow) => [...w.document.head.querySelectorAll("script")].map((s) => s.getAttribute("src"));
    expect(started(visible.window)).toEqual([]);
    // jsdom reports no paint timing: the loader waits two animation frames instead.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started(visible.window)).toEqual(["/_next/static/chunks/a.js", "/_next/static/chunks/b.js"]);
    visible.window.__portalScript("/_next/static/chunks/c.js");
    expect(started(visible.window)).toHaveLength(3);

    const hidden = page("", { visible: false });
    hidden.window.__portalScript("/_next/static/chunks/a.js");
    expect(started(hidden.window)).toEqual(["/_next/static/chunks/a.js"]);
    visible.window.close();
    hidden.window.close();
  });

  it("waits for the first paint with content, not a first frame of bare backgrounds", async () => {
    // Chromium can show a frame of backgrounds before any text is laid out ("first-paint");
    // scripts compiled from then on delayed the frame that shows the page by tens of milliseconds.
    const dom = new JSDOM("<!DOCTYPE html><html><head></head><body></body></html>", { runScripts: "outside-only", pretendToBeVisual: true });
    let report: ((list: { getEntriesByName(name: string): unknown[] }, observer: { disconnect(): void }) => void) | undefined;
    let observing = true;
    Object.assign(dom.window, {
      PerformanceObserver: Object.assign(
        class {
          constructor(callback: typeof report) {
            report = callback;
          }
          observe() {}
        },
        { supportedEntryTypes: ["paint"] },
      ),
    });
    dom.window.eval(LOADER);
    const window = dom.window as LoaderWindow;
    window.__portalScript("/_next/static/chunks/a.js");
    const started = () => window.document.head.querySelectorAll("script").length;
    const entries = (...names: string[]) => ({ getEntriesByName: (name: string) => names.filter((n) => n === name) });
    const observer = { disconnect: () => (observing = false) };
    report!(entries("first-paint"), observer);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started()).toBe(0);
    expect(observing).toBe(true);
    report!(entries("first-contentful-paint"), observer);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started()).toBe(1);
    expect(observing).toBe(false);
    window.close();
  });

  it("lets React reveal a part that arrives after the first frame at the next frame, not 300 ms later", async () => {
    // React's own server output: a shell with a fallback, then the part, as two chunks of a stream.
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    function Late(): ReactNode {
      use(arrived);
      return createElement("p", { id: "part" }, "the part");
    }
    const chunks: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk.toString());
          callback();
        },
        final(callback) {
          resolve();
          callback();
        },
      });
      const stream = renderToPipeableStream(
        createElement("html", null, createElement("body", null, createElement(Suspense, { fallback: createElement("p", { id: "fallback" }, "loading") }, createElement(Late)))),
        { onShellReady: () => stream.pipe(sink), onShellError: reject },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const shell = chunks.splice(0).join("");
    arrive();
    await done;
    const rest = chunks.join("");

    const frames = (window: JSDOM["window"], n: number) =>
      new Promise<void>((resolve) => {
        const next = (left: number) => (left === 0 ? resolve() : window.requestAnimationFrame(() => next(left - 1)));
        next(n);
      });
    expect(shell).toContain("<head>");
    const reveal = async () => {
      const html = shell.replace("<head>", `<head><script>${LOADER}</script>`);
      const dom = new JSDOM(html, { runScripts: "dangerously", pretendToBeVisual: true });
      const { window } = dom;
      // The first frame shows the shell (React marks its time), then the rest of the stream is parsed.
      await frames(window, 2);
      const parsed = window.document.createRange().createContextualFragment(rest);
      for (const node of [...parsed.childNodes]) {
        if (node.nodeName !== "SCRIPT") window.document.body.append(node);
        else {
          const script = window.document.createElement("script");
          script.textContent = node.textContent;
          window.document.body.append(script);
        }
      }
      await frames(window, 2);
      const part = window.document.getElementById("part");
      const shown = { part: part !== null && part.closest("[hidden]") === null, fallback: window.document.getElementById("fallback") !== null };
      window.close();
      return shown;
    };
    // Without the loader React keeps the fallback until 300 ms after its mark (not asserted: a
    // machine that stalls that long between two frames would reveal it too).
    expect(await reveal()).toEqual({ part: true, fallback: false });
  });
});
