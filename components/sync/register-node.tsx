"use client";

import { useId, useState } from "react";
import { isAddressEqual, type Address, type Hex } from "viem";
import { portalApi } from "@/components/http/portal-api";
import type { WalletNetwork } from "@/components/wallet/network";
import { ProblemNotice, SwitchNetworkButton } from "@/components/wallet/problem-notice";
import { useWalletStep } from "@/components/wallet/use-wallet-step";
import { requireConfig, useWallet, walletActions } from "@/components/wallet/wallet-context";
import { enrTypedData, operatorConfigHashTypedData } from "@/lib/obol/eip712";
import { parseEnr } from "@/lib/obol/enr";
import { DEFINITION_VERSION } from "@/lib/obol/version";
import { PrimaryButton } from "./primary-button";

export type RegisteredNode = { address: Address; enr: string };

/** What is wrong with the pasted ENR, or null when it can be registered. */
function enrProblem(enr: string, address: Address, registered: readonly RegisteredNode[]): string | null {
  const parsed = parseEnr(enr);
  if (!parsed.ok) return `This ENR is invalid: ${parsed.reason}.`;
  // The server refuses a node key already registered, whatever the rest of the record says.
  const key = parsed.enr.publicKey;
  const other = registered.find((r) => {
    const theirs = parseEnr(r.enr);
    return theirs.ok && theirs.enr.publicKey === key && !isAddressEqual(r.address, address);
  });
  return other ? `Operator ${other.address} already registered this node key; each operator runs its own charon node.` : null;
}

/**
 * Step 2: paste the node's ENR (validated as you type, in the browser, with the same parser the
 * server uses), then sign the cluster's config hash and the ENR and register both in one flow.
 */
export function RegisterNode({
  address,
  configHash,
  network,
  registered,
}: {
  address: Address;
  configHash: Hex;
  network: WalletNetwork;
  registered: readonly RegisteredNode[];
}) {
  const fieldId = useId();
  const [enr, setEnr] = useState("");
  const { chainId, config } = useWallet();
  const step = useWalletStep();
  const trimmed = enr.trim();
  const problem = trimmed === "" ? null : enrProblem(trimmed, address, registered);
  const wrongNetwork = chainId !== undefined && chainId !== network.chainId;

  const register = () =>
    step.run(async (report) => {
      const { signTypedData } = await walletActions();
      const signTypedDataAsync = (data: Parameters<typeof signTypedData>[1]) => signTypedData(requireConfig(config), data);
      report("Signature 1 of 2: the cluster configuration…");
      const configSignature = await signTypedDataAsync({ ...operatorConfigHashTypedData(configHash, network.forkVersion), account: address });
      report("Signature 2 of 2: your node's ENR…");
      const enrSignature = await signTypedDataAsync({ ...enrTypedData(trimmed, network.forkVersion), account: address });
      report("Registering…");
      await portalApi(`/api/v1/definition/${configHash}`, {
        method: "PUT",
        body: { enr: trimmed, version: DEFINITION_VERSION, address, enr_signature: enrSignature, fork_version: network.forkVersion },
        headers: { authorization: `Bearer ${configSignature}` },
      });
    });

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-300">
        Create your charon node identity with <code className="rounded bg-slate-800 px-1">charon create enr</code> (it
        keeps the private key in <code className="rounded bg-slate-800 px-1">.charon/charon-enr-private-key</code>; back
        it up) and paste the ENR it prints. Your wallet then signs this cluster&apos;s configuration and the ENR.
      </p>
      <div className="space-y-1">
        <label htmlFor={fieldId} className="block text-sm font-medium text-slate-200">
          Your node&apos;s ENR
        </label>
        <textarea
          id={fieldId}
          value={enr}
          onChange={(event) => setEnr(event.target.value)}
          rows={3}
          spellCheck={false}
          placeholder="enr:-HW4QH…"
          aria-invalid={problem !== null}
          aria-describedby={`${fieldId}-hint`}
          className="w-full rounded-md border border-slate-700 bg-slate-900 px-3 py-2 font-mono text-xs break-all text-slate-100 focus:border-orange-500 focus:outline-none"
        />
        <p id={`${fieldId}-hint`} className={`text-sm ${problem ? "text-red-300" : "text-slate-400"}`}>
          {problem ?? (trimmed === "" ? "Starts with enr:" : "Valid ENR.")}
        </p>
      </div>
      {wrongNetwork && (
        <div role="alert" className="space-y-2 rounded-md border border-orange-500/40 bg-orange-500/10 px-3 py-2 text-sm text-orange-100">
          <p>Your wallet is on another network; these signatures are for {network.chainName}.</p>
          <SwitchNetworkButton network={network} />
        </div>
      )}
      <PrimaryButton onClick={register} busy={step.busy} progress={step.progress} disabled={trimmed === "" || problem !== null || wrongNetwork}>
        Register your node
      </PrimaryButton>
      <ProblemNotice problem={step.problem} network={network} />
    </div>
  );
}
