import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False in the server's HTML and until React has hydrated it, true after: for what renders in the
 * browser only. (A click before hydration is not lost: lib/http/paint-first-loader.ts holds it.)
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
