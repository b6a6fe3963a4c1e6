/** Skeleton while the server reads the auction from the chain: the page's frame paints at once. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the auction" className="space-y-6 motion-safe:animate-pulse">
      <h1 className="text-2xl font-semibold">Auction</h1>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-20 rounded-lg bg-slate-900" />
        ))}
      </div>
      <div className="h-64 rounded-lg bg-slate-900" />
    </div>
  );
}
