"use client";

/** Shown when a page cannot be rendered, usually because the chain node does not answer. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-4 rounded-lg border border-red-500/60 bg-red-500/10 p-6">
      <h1 className="text-lg font-semibold text-red-200">This page could not be loaded</h1>
      <p className="text-sm text-red-100/80">
        The portal could not read the chain or its database. Check that the network&apos;s RPC node is reachable, then try again.
        {error.digest && <span className="mt-2 block font-mono text-xs text-red-100/60">Reference: {error.digest}</span>}
      </p>
      <button type="button" onClick={reset} className="rounded-md bg-red-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-400">
        Try again
      </button>
    </div>
  );
}
