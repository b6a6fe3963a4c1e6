import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActivityTimeline } from "@/components/activity/activity-timeline";
import { ClusterTitle } from "@/components/cluster/cluster-title";
import { ExitBlock } from "@/components/exit/exit-block";
import { GeneralStats } from "@/components/cluster/general-stats";
import { OperatorsTable } from "@/components/cluster/operators-table";
import { StoredCluster } from "@/components/cluster/stored-cluster";
import { ValidatorsList } from "@/components/cluster/validators-list";
import { LiveRefresh } from "@/components/live/live-refresh";
import { UploadLock } from "@/components/locks/upload-lock";
import { SyncActionBlock } from "@/components/sync/action-block";
import { OperatorStatusPill } from "@/components/sync/status-pill";
import { RefreshButton } from "@/components/ui/refresh-button";
import { activityQuerySchema } from "@/lib/activity/events";
import { getClusterView, getStoredClusterView } from "@/lib/clusters/cluster-page";
import { configHashSchema } from "@/lib/http/schemas";
import { stampOf } from "@/lib/clusters/stamp";
import { getEnv, publicConfig } from "@/lib/env";
import { exitSignatures, exitView } from "@/lib/exits/view";
import { requestOrigin } from "@/lib/http/origin";
import { isChainUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

type Params = Promise<{ configHash: string }>;

/** The page's data; with the chain node not answering, what the store has (`stored`). */
async function load(params: Params) {
  const parsed = configHashSchema.safeParse((await params).configHash);
  if (!parsed.success) notFound();
  try {
    // ./layout.tsx answered 404 or 308 for a hash that names no indexed cluster.
    const cluster = await getClusterView(parsed.data);
    if (!cluster) notFound();
    return { configHash: parsed.data, cluster, stored: null };
  } catch (error) {
    if (!isChainUnavailable(error)) throw error;
    return { configHash: parsed.data, cluster: null, stored: await getStoredClusterView(parsed.data) };
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { cluster, stored } = await load(params);
  return { title: cluster?.name ?? stored?.cluster?.name ?? "Cluster" };
}

export default async function ClusterPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[]>> }) {
  const page = await load(params);
  if (page.stored) return <StoredCluster view={page.stored} configHash={page.configHash} />;
  const { cluster } = page;
  const { sync } = cluster;
  const config = publicConfig(getEnv());
  const origin = await requestOrigin();
  return (
    <div className="space-y-6">
      <LiveRefresh url={`/api/clusters/${cluster.configHash}`} stamp={stampOf({ cluster, exits: await exitSignatures(cluster.configHash) })} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <ClusterTitle cluster={cluster} />
        <RefreshButton />
      </div>
      <SyncActionBlock
        sync={sync}
        network={{ chainId: config.chainId, chainName: config.chainName, forkVersion: config.forkVersion }}
        origin={origin}
      />
      <GeneralStats cluster={cluster} phase={sync.phase.label} />
      <OperatorsTable operators={cluster.operators} status={(address) => <OperatorStatusPill sync={sync} address={address} />} />
      <ValidatorsList cluster={cluster}>{sync.phase.registered === sync.phase.total && <UploadLock />}</ValidatorsList>
      <ExitBlock view={await exitView(cluster.configHash, origin)} />
      <ActivityTimeline
        configHash={cluster.configHash}
        operators={cluster.operators.map((o) => o.address)}
        page={activityQuerySchema.safeParse(await searchParams).data?.page ?? 1}
      />
    </div>
  );
}
