import { ChainUnavailableNotice, Unavailable } from "@/components/chain/chain-unavailable-notice";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { ClusterTitle } from "./cluster-title";
import { ExplorerLink } from "@/components/ui/explorer-link";
import type { StoredClusterView } from "@/lib/clusters/cluster-page";
import { shortHex } from "@/lib/format/text";
import { Section } from "@/components/ui/section";

/**
 * The cluster page while the chain node does not answer: what the store holds (the operators'
 * registered nodes, the definition and lock downloads), without the chain's status and bids.
 */
export function StoredCluster({ view, configHash }: { view: StoredClusterView; configHash: string }) {
  const { cluster } = view;
  if (!cluster) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Cluster {shortHex(configHash, 6)}</h1>
        <ChainUnavailableNotice asOfBlock={view.asOfBlock} catchingUp={view.catchingUp}>
          No cluster with this config hash is indexed yet, so the portal cannot tell yet whether it exists; try again later.
        </ChainUnavailableNotice>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <ClusterTitle cluster={cluster} />
      <ChainUnavailableNotice asOfBlock={view.asOfBlock} catchingUp={view.catchingUp}>
        The cluster&apos;s status, bids and validators come from the chain and are shown once it can be read; its definition
        {cluster.hasLock ? " and lock are" : " is"} served as usual.
      </ChainUnavailableNotice>
      <p className="flex flex-wrap gap-4 text-sm">
        <a href={`/api/v1/definition/${cluster.configHash}`} className="text-orange-300 hover:underline">Cluster definition (JSON)</a>
        {cluster.hasLock && (
          <a href={`/api/clusters/${cluster.configHash}/cluster-lock.json`} className="text-orange-300 hover:underline">cluster-lock.json</a>
        )}
      </p>
      <Section id="operators" title="Operators" className="space-y-3">
        <DataTable label="Operators" columns={["#", "Operator", "Node", "Reputation and bid"]}>
          {cluster.operators.map((op, i) => (
            <Row key={op.address}>
              <Cell className="text-slate-400 tabular-nums">{i + 1}</Cell>
              <Cell><ExplorerLink kind="address" value={op.address} /></Cell>
              <Cell className="font-mono text-xs">{op.enr ? shortHex(op.enr, 12) : <span className="text-slate-400">not registered</span>}</Cell>
              <Cell><Unavailable /></Cell>
            </Row>
          ))}
        </DataTable>
      </Section>
    </div>
  );
}
