/** Skeleton while the server reads the chain. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="space-y-6 motion-safe:animate-pulse">
      <div className="h-8 w-48 rounded bg-slate-800" />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-20 rounded-lg bg-slate-900" />
        ))}
      </div>
      <div className="h-64 rounded-lg bg-slate-900" />
    </div>
  );
}
