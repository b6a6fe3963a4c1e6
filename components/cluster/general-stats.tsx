import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { ExplorerLink } from "@/components/ui/explorer-link";
import type { ClusterView } from "@/lib/clusters/cluster-page";
import { formatInteger, formatScore } from "@/lib/format/number";
import { formatDateTime, shortHex } from "@/lib/format/text";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs tracking-wide text-slate-400 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-100">{children}</dd>
    </div>
  );
}

export function GeneralStats({ cluster, phase }: { cluster: ClusterView; phase: string }) {
  return (
    <section aria-labelledby="stats-heading" className="rounded-lg border border-slate-800 bg-slate-900/60 p-4">
      <h2 id="stats-heading" className="sr-only">General information</h2>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Item label="Status">{phase}</Item>
        <Item label="Average auction score">{formatScore(cluster.averageScore)}</Item>
        <Item label="Created">
          <span className="block">{formatDateTime(cluster.createdAt)}</span>
          <ExplorerLink kind="tx" value={cluster.txHash} />
        </Item>
        <Item label="Validators">{cluster.validators}</Item>
        <Item label="Split contract">
          <ExplorerLink kind="address" value={cluster.split} />
        </Item>
        <Item label="EigenPod (withdrawals)">
          <ExplorerLink kind="address" value={cluster.eigenPod} />
        </Item>
        <Item label="VCs remaining">{formatInteger(cluster.vcsRemaining)}</Item>
        <Item label="Config hash">
          <span className="inline-flex items-center gap-1 font-mono" title={cluster.configHash}>
            {shortHex(cluster.configHash, 6)} <CopyButton value={cluster.configHash} label="Copy config hash" />
          </span>
        </Item>
      </dl>
    </section>
  );
}
