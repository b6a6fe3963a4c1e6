export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading cluster" className="animate-pulse space-y-6">
      <div className="h-8 w-56 rounded bg-slate-800" />
      <div className="h-32 rounded-lg bg-slate-900" />
      <div className="h-56 rounded-lg bg-slate-900" />
    </div>
  );
}
