import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False in the server's HTML and until React has hydrated it, true after. Scripts start after the
 * first paint (lib/http/paint-first.ts), so a button that needs JavaScript is disabled until then:
 * a click in that moment would be lost, or submit a form the browser's way.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
