import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExitCluster } from "@/components/cluster/exit-cluster";
import { GeneralStats } from "@/components/cluster/general-stats";
import { OperatorsTable } from "@/components/cluster/operators-table";
import { ValidatorsList } from "@/components/cluster/validators-list";
import { LiveRefresh } from "@/components/live/live-refresh";
import { UploadLock } from "@/components/locks/upload-lock";
import { SyncActionBlock } from "@/components/sync/action-block";
import { OperatorStatusPill } from "@/components/sync/status-pill";
import { RefreshButton } from "@/components/ui/refresh-button";
import { getClusterView } from "@/lib/clusters/cluster-page";
import { configHashSchema } from "@/lib/http/schemas";
import { stampOf } from "@/lib/clusters/stamp";
import { getEnv, publicConfig } from "@/lib/env";
import { formatDate } from "@/lib/format/text";
import { requestOrigin } from "@/lib/http/origin";

export const dynamic = "force-dynamic";

type Params = Promise<{ configHash: string }>;

async function load(params: Params) {
  const parsed = configHashSchema.safeParse((await params).configHash);
  if (!parsed.success) notFound();
  const cluster = await getClusterView(parsed.data);
  if (!cluster) notFound();
  return cluster;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const cluster = await load(params);
  return { title: cluster.name };
}

export default async function ClusterPage({ params }: { params: Params }) {
  const cluster = await load(params);
  const { sync } = cluster;
  const config = publicConfig(getEnv());
  return (
    <div className="space-y-6">
      <LiveRefresh url={`/api/clusters/${cluster.configHash}`} stamp={stampOf(cluster)} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{cluster.name}</h1>
          <p className="text-sm text-slate-400">Created {formatDate(cluster.createdAt)}</p>
        </div>
        <RefreshButton />
      </div>
      <SyncActionBlock
        sync={sync}
        network={{ chainId: config.chainId, chainName: config.chainName, forkVersion: config.forkVersion }}
        origin={await requestOrigin()}
      />
      <GeneralStats cluster={cluster} phase={sync.phase.label} />
      <OperatorsTable operators={cluster.operators} status={(address) => <OperatorStatusPill sync={sync} address={address} />} />
      <ValidatorsList cluster={cluster}>{sync.phase.registered === sync.phase.total && <UploadLock />}</ValidatorsList>
      <ExitCluster />
    </div>
  );
}
