import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Values shared by the work of one HTTP request. server.ts's page cache reads the chain head to
 * tell whether a kept page is current; on a miss, the render that follows takes that head instead
 * of asking the node again (one request fewer per render, and the page is drawn at the head it is
 * kept under). Held on globalThis: the instrumentation hook and the pages are bundled apart, each
 * with its own copy of this module.
 */
type Scope = Map<string, unknown>;
const holder = globalThis as { portalRequestScope?: AsyncLocalStorage<Scope> };
const storage = (holder.portalRequestScope ??= new AsyncLocalStorage<Scope>());

/** Runs `work` as one request's: it, and all it starts, share what `requestScoped` makes. */
export function inRequestScope<T>(work: () => T): T {
  return storage.run(new Map(), work);
}

/** The request's value under `key`, made by `make` the first time it is asked for; outside a request, made each time. */
export function requestScoped<T>(key: string, make: () => T): T {
  const scope = storage.getStore();
  if (!scope) return make();
  if (!scope.has(key)) scope.set(key, make());
  return scope.get(key) as T;
}
