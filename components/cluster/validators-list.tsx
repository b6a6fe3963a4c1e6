import { formatUnits } from "viem";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { CompactTable, Row } from "@/components/ui/data-table";
import { ExplorerLink } from "@/components/ui/explorer-link";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import type { ClusterView } from "@/lib/clusters/cluster-page";
import { formatEth } from "@/lib/format/number";
import { formatDateTime, shortHex } from "@/lib/format/text";
import type { BeaconState, ValidatorView } from "@/lib/locks/validators";
import { Section } from "@/components/ui/section";

type Cluster = Pick<ClusterView, "configHash" | "chainStatus" | "clusterPubKeyHash" | "eigenPod" | "lock">;

const GWEI = 1_000_000_000n;
const ethOfGwei = (gwei: string) => formatEth(BigInt(gwei) * GWEI);

const statusNames = Object.fromEntries(Object.entries(ClusterStatus).map(([name, value]) => [value, name])) as Record<number, string>;

const neutralTone = "border-slate-700 bg-slate-800 text-slate-300";

/** How the badge shows the statuses the vault sets; any earlier one is "not deposited yet". */
const badges: Partial<Record<number, { tone: string; meaning: string }>> = {
  [ClusterStatus.VERIFIED]: { tone: "border-green-500/40 bg-green-500/10 text-green-300", meaning: "active" },
  [ClusterStatus.DEPOSITED]: { tone: "border-sky-500/40 bg-sky-500/10 text-sky-300", meaning: "deposited, not yet verified" },
  [ClusterStatus.EXITED]: { tone: neutralTone, meaning: "exited" },
};

/** The chain's cluster status as the vault sets it (DEPOSITED / VERIFIED / EXITED), or why it is not yet. */
function ChainStatusBadge({ status }: { status: number }) {
  const name = statusNames[status] ?? `STATUS ${status}`;
  const { tone, meaning } = badges[status] ?? { tone: neutralTone, meaning: "not deposited yet" };
  return (
    <span className={`inline-flex items-center gap-2 rounded border px-2 py-0.5 text-xs font-medium ${tone}`}>
      <span className="font-mono">{name}</span>
      <span className="font-normal">{meaning}</span>
    </span>
  );
}

function OnChainCheck({ validator, onChainHash }: { validator: ValidatorView; onChainHash: string | null }) {
  if (validator.onChain === "registered") {
    return (
      <p className="text-sm text-green-300">
        ✓ Registered on-chain: the auction&apos;s public key hash is this validator&apos;s (sha256 of the key and 16 zero bytes).
      </p>
    );
  }
  if (validator.onChain === "mismatch") {
    return (
      <div role="alert" className="rounded-md border border-red-500/50 bg-red-500/10 px-3 py-2 text-sm text-red-200">
        <p className="font-semibold">The public key registered on-chain is not this validator&apos;s.</p>
        <p>
          The auction holds the hash <span className="font-mono break-all">{onChainHash}</span>, but this lock&apos;s key hashes to
          another value. The vault registered a different key: do not deposit until this is resolved.
        </p>
      </div>
    );
  }
  return <p className="text-sm text-slate-400">Not registered on-chain yet: the vault sets the public key when it deposits the validator.</p>;
}

function BeaconLine({ beacon }: { beacon: BeaconState }) {
  switch (beacon.kind) {
    case "not-configured":
      return <p className="text-sm text-slate-400">No beacon node configured: the validator&apos;s beacon status and balance are not shown.</p>;
    case "unknown":
      return <p className="text-sm text-slate-400">Beacon chain: not known yet (no deposit processed for this key).</p>;
    case "error":
      return <p className="text-sm text-amber-300">Beacon chain: {beacon.message}.</p>;
    case "found":
      return (
        <p className="text-sm">
          <span className="text-slate-400">Beacon chain: </span>
          <span className="font-medium">{beacon.label}</span>
          <span className="text-slate-400"> ({beacon.status}), validator {beacon.index}, balance </span>
          <span className="font-medium">{ethOfGwei(beacon.balanceGwei)}</span>
        </p>
      );
  }
}

function Validator({ validator, cluster }: { validator: ValidatorView; cluster: Cluster }) {
  return (
    <article aria-label={`Validator ${validator.index + 1}`} className="space-y-4 rounded-lg border border-slate-800 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">Validator {validator.index + 1}</h3>
        <ChainStatusBadge status={cluster.chainStatus} />
      </div>
      <div>
        <p className="text-xs tracking-wide text-slate-400 uppercase">Distributed public key</p>
        <p className="flex items-start gap-1">
          <span className="font-mono text-sm break-all">{validator.pubkey}</span>
          <CopyButton value={validator.pubkey} label="Copy public key" />
        </p>
      </div>
      <OnChainCheck validator={validator} onChainHash={cluster.clusterPubKeyHash} />
      <BeaconLine beacon={validator.beacon} />

      <CompactTable caption="Public shares" scroll columns={["Operator", "Public key share"]}>
        {validator.shares.map((share, i) => (
          <Row key={share.publicShare}>
            <td className="py-1 pr-4">{share.operator ? <ExplorerLink kind="address" value={share.operator} /> : `Operator ${i + 1}`}</td>
            <td className="py-1">
              <span className="inline-flex items-center gap-1 font-mono" title={share.publicShare}>
                {shortHex(share.publicShare, 8)} <CopyButton value={share.publicShare} label={`Copy public share ${i + 1}`} />
              </span>
            </td>
          </Row>
        ))}
      </CompactTable>

      <CompactTable caption="Deposit data" scroll columns={["Amount", "Withdrawal credentials", "Deposit data root"]}>
        {validator.deposits.map((deposit) => (
          <Row key={`${deposit.amountGwei}-${deposit.depositDataRoot}`} className="align-top">
            <td className="py-1 pr-4">
              <span className="font-medium">{ethOfGwei(deposit.amountGwei)}</span>
              <span className="block text-xs text-slate-400">{deposit.full ? "full deposit" : "partial deposit"}</span>
            </td>
            <td className="py-1 pr-4">
              <span className="font-mono text-xs" title={deposit.withdrawalCredentials}>
                {deposit.credentialsType} {deposit.withdrawalAddress ?? shortHex(deposit.withdrawalCredentials, 8)}
              </span>
              {deposit.toEigenPod ? (
                <span className="block text-xs text-green-300">✓ the cluster&apos;s EigenPod</span>
              ) : (
                <span role="alert" className="block text-xs text-red-300">
                  ✗ not the cluster&apos;s EigenPod ({cluster.eigenPod}): do not use this deposit
                </span>
              )}
            </td>
            <td className="py-1 font-mono text-xs" title={deposit.depositDataRoot}>
              {shortHex(deposit.depositDataRoot, 6)}
            </td>
          </Row>
        ))}
      </CompactTable>
    </article>
  );
}

const linkClass = "rounded-md border border-slate-700 px-3 py-1 text-sm text-slate-200 hover:border-orange-500 hover:text-white";

/**
 * The cluster's validators: before the DKG, what the chain knows (and `children`, the slot for
 * the lock upload); once a lock is published, its keys, shares and deposits checked against the
 * chain and the beacon node, with the files to download.
 */
export function ValidatorsList({ cluster, children }: { cluster: Cluster; children?: ReactNode }) {
  const { lock } = cluster;
  const base = `/api/clusters/${cluster.configHash}`;
  return (
    <Section id="validators" title="Validators" className="space-y-3">
      {lock ? (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
            <p className="text-slate-400">
              Lock <span className="font-mono text-slate-200" title={lock.lockHash}>{shortHex(lock.lockHash, 6)}</span>{" "}
              {lock.postedVia === "upload" ? "uploaded" : "published"} {formatDateTime(lock.receivedAt)}, verified by this portal.
            </p>
            <nav aria-label="Downloads" className="flex flex-wrap gap-2">
              <a href={`${base}/cluster-lock.json`} download className={linkClass}>
                cluster-lock.json
              </a>
              {lock.depositFiles.map((file) => (
                <a key={file.fileName} href={`${base}/deposit-data.json?amount=${formatUnits(BigInt(file.amountGwei), 9)}`} download={file.fileName} className={linkClass}>
                  {file.fileName}
                </a>
              ))}
            </nav>
          </div>
          {lock.validators.map((validator) => (
            <Validator key={validator.pubkey} validator={validator} cluster={cluster} />
          ))}
        </>
      ) : (
        <div className="space-y-3 rounded-lg border border-slate-800 p-4 text-sm">
          {cluster.clusterPubKeyHash ? (
            <p className="flex flex-wrap items-center gap-2">
              <span className="text-slate-400">Public key hash on-chain</span>
              <span className="font-mono" title={cluster.clusterPubKeyHash}>{shortHex(cluster.clusterPubKeyHash, 8)}</span>
              <CopyButton value={cluster.clusterPubKeyHash} label="Copy public key hash" />
              <span className="text-slate-400">— no lock has been published here, so it cannot be checked.</span>
            </p>
          ) : (
            <p className="text-slate-400">No validator key yet: it is created when the four operators run the DKG together.</p>
          )}
          {children}
        </div>
      )}
    </Section>
  );
}
