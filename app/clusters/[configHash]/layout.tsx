import { notFound, permanentRedirect } from "next/navigation";
import type { ReactNode } from "react";
import { configHashForLink } from "@/lib/clusters/cluster-link";
import { findCluster } from "@/lib/clusters/find-cluster";
import { configHashSchema } from "@/lib/http/schemas";
import { isChainUnavailable } from "@/lib/http/unavailable";

/**
 * Decides the answer's status before anything streams: a 404 for a hash that names no cluster,
 * a 308 for a link by the cluster's on-chain id or lock hash. Only the index is read here; the
 * page's chain reads then stream behind ./loading.tsx. The 404 page is ../not-found.tsx, the
 * boundary above this layout.
 */
export default async function ClusterLayout({ params, children }: { params: Promise<{ configHash: string }>; children: ReactNode }) {
  const parsed = configHashSchema.safeParse((await params).configHash);
  if (!parsed.success) notFound();
  let known: boolean;
  try {
    known = (await findCluster(parsed.data)) !== null;
  } catch (error) {
    // The node is not answering: the page shows what the store holds, or says it cannot tell yet.
    if (!isChainUnavailable(error)) throw error;
    known = true;
  }
  if (!known) {
    const configHash = await configHashForLink(parsed.data);
    if (configHash) permanentRedirect(`/clusters/${configHash}`);
    notFound();
  }
  return children;
}
