/** Runs once when the server starts: a bad configuration stops it with one clear message. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/env-check")).envOrExit();
  const { getEnv } = await import("./lib/env-node");
  // One watcher per process, even when the dev server evaluates this again.
  const holder = globalThis as { portalWatcher?: unknown };
  if (getEnv().WATCHER === "inline" && !holder.portalWatcher) {
    holder.portalWatcher = (await import("./lib/activity/start")).startConfiguredWatcher();
  }
}
