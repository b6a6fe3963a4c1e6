import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Cluster not found" };

export default function ClusterNotFound() {
  return (
    <div className="mx-auto max-w-lg space-y-4 py-16 text-center">
      <p className="text-5xl font-bold text-orange-500">404</p>
      <h1 className="text-xl font-semibold">No cluster with this config hash</h1>
      <p className="text-slate-400">
        A cluster&apos;s address is <span className="font-mono">/clusters/0x</span> followed by the 64 hex digits of its Obol config hash.
        Check the link, or find the cluster on the dashboard.
      </p>
      <Link href="/?view=global" className="inline-block rounded-md bg-orange-500 px-4 py-2 font-medium text-slate-950 hover:bg-orange-400">
        Browse all clusters
      </Link>
    </div>
  );
}
