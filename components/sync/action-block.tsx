"use client";

import dynamic from "next/dynamic";
import { isAddressEqual } from "viem";
import { useWallet } from "@/components/wallet/wallet-context";
import type { ClusterSync } from "@/lib/sync/cluster-sync";
import type { WalletNetwork } from "@/components/wallet/network";

// Only a connected operator with a step left sees one of these: a visitor's page does not load
// their code (EIP-712 messages, the ENR parser and its curve).
const AcceptTerms = dynamic(() => import("./accept-terms").then((m) => m.AcceptTerms));
const RegisterNode = dynamic(() => import("./register-node").then((m) => m.RegisterNode));
const RunDkg = dynamic(() => import("./run-dkg").then((m) => m.RunDkg));

const headings = {
  "accept-terms": "Accept the terms",
  "register-node": "Register your node",
  "run-dkg": "Run the DKG",
} as const;

/**
 * The orange action block of the cluster page: shown only to the connected operator of this
 * cluster whose next step it is (or who waits for the DKG), with the one control that performs it;
 * anyone else is told, in one line, that an operator's wallet shows that operator's step.
 */
export function SyncActionBlock({
  sync,
  network,
  origin,
}: {
  sync: ClusterSync;
  network: WalletNetwork;
  /** This portal's origin as people reach it (lib/http/origin `requestOrigin()`). */
  origin: string;
}) {
  const { address } = useWallet();
  const me = address ? sync.operators.find((o) => isAddressEqual(o.address, address)) : undefined;
  if (!address || !me) {
    // Someone who is not (or not yet known as) one of its operators: say how the next step appears.
    if (sync.operators.every((o) => o.step === "done")) return null;
    return (
      <p className="text-sm text-slate-300">
        Connecting the wallet of one of this cluster&apos;s operators shows that operator&apos;s next step here.
      </p>
    );
  }
  // A registered operator waiting for the others (grey) still sees the DKG command and who is missing.
  if (me.step === "done") return null;
  const step = me.step;

  const registered = sync.operators.flatMap((o) => (o.registration ? [{ address: o.address, enr: o.registration.enr }] : []));
  const waiting = me.status === "waiting";
  return (
    <section
      aria-labelledby="sync-action-heading"
      data-step={step}
      className={`space-y-4 rounded-lg border-2 p-5 ${waiting ? "border-slate-700 bg-slate-900/40" : "border-orange-500 bg-orange-500/5"}`}
    >
      <div>
        <p className={`text-xs font-semibold tracking-wide uppercase ${waiting ? "text-slate-400" : "text-orange-400"}`}>
          {waiting ? "Waiting for the other operators" : "Your action is required"}
        </p>
        <h2 id="sync-action-heading" className="text-lg font-semibold">
          {headings[step]}
        </h2>
      </div>
      {step === "accept-terms" && <AcceptTerms address={address} network={network} />}
      {step === "register-node" && <RegisterNode address={address} configHash={sync.configHash} network={network} registered={registered} />}
      {step === "run-dkg" && <RunDkg address={address} configHash={sync.configHash} origin={origin} missing={sync.missing} />}
    </section>
  );
}
