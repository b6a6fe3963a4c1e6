/** Exiting is not offered by Byzantine's contracts yet: shown so operators know where it will be. */
export function ExitCluster() {
  return (
    <section aria-labelledby="exit-heading" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-800 p-4">
      <div>
        <h2 id="exit-heading" className="font-semibold">Exit cluster</h2>
        <p id="exit-help" className="text-sm text-slate-400">
          Leaving a cluster is not available yet: Byzantine&apos;s contracts do not support voluntary exits so far.
        </p>
      </div>
      <button
        type="button"
        disabled
        aria-describedby="exit-help"
        className="cursor-not-allowed rounded-md border border-slate-700 px-3 py-1.5 text-sm text-slate-500"
      >
        Exit cluster
      </button>
    </section>
  );
}
