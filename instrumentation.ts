/** Runs once when the server starts: a bad configuration stops it with one clear message. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/env-check")).envOrExit();
  const { getEnv } = await import("./lib/env-node");
  // The hottest read route, answered by server.ts before Next's routing (lib/http/fast-routes.ts).
  const { registerFastRoutes } = await import("./lib/http/fast-routes");
  registerFastRoutes({ "/api/clusters": (await import("./app/api/clusters/route")).GET });
  // What the pages a visitor sees follow from, so server.ts renders each once per state (lib/http/page-cache.ts).
  const { registerPageState } = await import("./lib/http/page-cache");
  registerPageState((await import("./lib/clusters/index-target")).pageState);
  // One watcher per process, even when the dev server evaluates this again.
  const holder = globalThis as { portalWatcher?: unknown };
  if (getEnv().WATCHER === "inline" && !holder.portalWatcher) {
    holder.portalWatcher = (await import("./lib/activity/start")).startConfiguredWatcher();
  }
}
