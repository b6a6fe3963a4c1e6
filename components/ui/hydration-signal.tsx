"use client";

import { useEffect } from "react";

declare global {
  interface Window {
    /** Set by the paint-first loader (lib/http/paint-first-loader.ts) in production pages. */
    __portalHydrated?: () => void;
  }
}

/**
 * Tells the paint-first loader that React listens now, so the clicks it held since the first
 * paint are dispatched again. An effect runs once the root has hydrated; in development there is
 * no loader and nothing to tell.
 */
export function HydrationSignal() {
  useEffect(() => window.__portalHydrated?.(), []);
  return null;
}
