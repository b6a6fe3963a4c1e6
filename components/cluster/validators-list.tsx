import { CopyButton } from "@/components/ui/copy-button";
import type { ClusterView } from "@/lib/clusters/cluster-page";
import { shortHex } from "@/lib/format/text";

/** The cluster's validator: until a lock exists, what the chain knows (its pubkey hash). */
export function ValidatorsList({ cluster }: { cluster: ClusterView }) {
  return (
    <section aria-labelledby="validators-heading" className="space-y-3">
      <h2 id="validators-heading" className="text-lg font-semibold">Validators</h2>
      <div className="rounded-lg border border-slate-800 p-4 text-sm">
        {cluster.clusterPubKeyHash ? (
          <p className="flex flex-wrap items-center gap-2">
            <span className="text-slate-400">Public key hash on-chain</span>
            <span className="font-mono" title={cluster.clusterPubKeyHash}>{shortHex(cluster.clusterPubKeyHash, 8)}</span>
            <CopyButton value={cluster.clusterPubKeyHash} label="Copy public key hash" />
          </p>
        ) : (
          <p className="text-slate-400">
            No validator key yet: it is created when the four operators run the DKG together.
          </p>
        )}
      </div>
    </section>
  );
}
