"use client";

import type { Address } from "viem";
import { portalApi } from "@/components/http/portal-api";
import type { WalletNetwork } from "@/components/wallet/network";
import { ProblemNotice } from "@/components/wallet/problem-notice";
import { useWalletStep } from "@/components/wallet/use-wallet-step";
import { requireConfig, useWallet, walletActions } from "@/components/wallet/wallet-context";
import { TERMS_AND_CONDITIONS_HASH, TERMS_AND_CONDITIONS_VERSION, termsAndConditionsTypedData } from "@/lib/obol/eip712";
import { PrimaryButton } from "./primary-button";

const termsUrl = "https://obol.org/terms.pdf";

/** Step 1: sign Obol's terms once for every cluster (POST /api/v1/termsAndConditions). */
export function AcceptTerms({ address, network }: { address: Address; network: WalletNetwork }) {
  const { config } = useWallet();
  const step = useWalletStep();
  const accept = () =>
    step.run(async () => {
      const { signTypedData } = await walletActions();
      const signature = await signTypedData(requireConfig(config), { ...termsAndConditionsTypedData(), account: address });
      await portalApi("/api/v1/termsAndConditions", {
        method: "POST",
        body: {
          address,
          version: Number(TERMS_AND_CONDITIONS_VERSION),
          terms_and_conditions_hash: TERMS_AND_CONDITIONS_HASH,
          fork_version: network.forkVersion,
        },
        headers: { authorization: `Bearer ${signature}` },
      });
    });
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-300">
        Distributed validators run on Obol&apos;s charon. Before registering a node, sign that you accept the{" "}
        <a href={termsUrl} target="_blank" rel="noreferrer" className="text-orange-300 underline hover:text-orange-200">
          Obol terms and conditions
        </a>{" "}
        (version {Number(TERMS_AND_CONDITIONS_VERSION)}). It is a signature, not a transaction, and counts for all your clusters.
      </p>
      <PrimaryButton onClick={accept} busy={step.busy} progress={step.progress}>
        Accept terms
      </PrimaryButton>
      <ProblemNotice problem={step.problem} network={network} />
    </div>
  );
}
