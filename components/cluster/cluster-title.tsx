import { formatDate } from "@/lib/format/text";

/** The cluster page's title: the cluster's name and when it was created. */
export function ClusterTitle({ cluster }: { cluster: { name: string; createdAt: Date | string } }) {
  return (
    <div>
      <h1 className="text-2xl font-semibold">{cluster.name}</h1>
      <p className="text-sm text-slate-400">Created {formatDate(cluster.createdAt)}</p>
    </div>
  );
}
