// @vitest-environment jsdom
// LiveRefresh against a real route answer (a local HTTP server), with Next's router replaced by a
// counter: a page whose every render carries a new stamp, none equal to the route's, must not be
// refreshed in a loop (the `next dev` loop of issue 13).
import { render, waitFor } from "@testing-library/react";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SWRConfig } from "swr";
import { LiveRefresh } from "./live-refresh";

const router = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

let server: Server;
let base = "";
let served = "route-1";
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ stamp: served }));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe("LiveRefresh", () => {
  it("refreshes once per new route stamp, however often the page re-renders with another one", async () => {
    let renders = 0;
    // What router.refresh() does: the server renders the page again, here with yet another stamp.
    router.refresh.mockImplementation(() => {
      renders += 1;
      setTimeout(() => view.rerender(page(`page-${renders}`)), 10);
    });
    const page = (stamp: string) => (
      <SWRConfig value={{ provider: () => new Map() }}>
        <LiveRefresh url={`${base}/stamp`} stamp={stamp} />
      </SWRConfig>
    );
    const view = render(page("page-0"));
    await waitFor(() => expect(router.refresh).toHaveBeenCalledTimes(1));
    // Give a loop time to show itself: each re-render would call refresh again.
    await new Promise((r) => setTimeout(r, 300));
    expect(router.refresh).toHaveBeenCalledTimes(1);
    expect(renders).toBe(1);
    view.unmount();
  });

  it("does not refresh a page whose stamp is the route's", async () => {
    router.refresh.mockReset();
    served = "same";
    const view = render(
      <SWRConfig value={{ provider: () => new Map() }}>
        <LiveRefresh url={`${base}/same`} stamp="same" />
      </SWRConfig>,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(router.refresh).not.toHaveBeenCalled();
    view.unmount();
  });
});
