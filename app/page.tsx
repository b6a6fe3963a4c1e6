export default function DashboardPage() {
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="text-slate-400">Your clusters will be listed here.</p>
    </div>
  );
}
