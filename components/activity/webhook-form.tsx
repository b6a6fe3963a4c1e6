"use client";

import { useState } from "react";
import { isAddressEqual, type Address } from "viem";
import { portalApi } from "@/components/http/portal-api";
import { PrimaryButton } from "@/components/sync/primary-button";
import type { WalletNetwork } from "@/components/wallet/network";
import { ProblemNotice } from "@/components/wallet/problem-notice";
import { useWalletStep } from "@/components/wallet/use-wallet-step";
import { requireConfig, useWallet, walletActions } from "@/components/wallet/wallet-context";
import { subscribeTypedData, unsubscribeTypedData, webhookFormats, type WebhookFormat } from "@/lib/activity/subscription-message";
import { Section } from "@/components/ui/section";

const formatLabels: Record<WebhookFormat, string> = { discord: "Discord", slack: "Slack", json: "JSON" };
const path = "/api/notifications/subscriptions";

/** A fresh nonce and a ten-minute expiry for one signed message. */
function freshTerms() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const nonce = bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
  return { nonce, expiry: BigInt(Math.floor(Date.now() / 1000) + 600) };
}

/** Subscribes (or removes) a webhook for the connected operator with one wallet signature. */
export function WebhookForm({ operator, network }: { operator: Address; network: WalletNetwork }) {
  const { address, config } = useWallet();
  const step = useWalletStep();
  const [url, setUrl] = useState("");
  const [format, setFormat] = useState<WebhookFormat>("discord");
  const [done, setDone] = useState<string | null>(null);
  const mine = !!address && isAddressEqual(address, operator);

  const send = (action: "subscribe" | "unsubscribe") =>
    step.run(async () => {
      setDone(null);
      const { nonce, expiry } = freshTerms();
      const message = { operator, url, nonce, expiry };
      const { signTypedData } = await walletActions();
      const wallet = requireConfig(config);
      const signature =
        action === "subscribe"
          ? await signTypedData(wallet, { ...subscribeTypedData(network.chainId, { ...message, format }), account: operator })
          : await signTypedData(wallet, { ...unsubscribeTypedData(network.chainId, message), account: operator });
      const body = { operator, url, nonce: nonce.toString(), expiry: Number(expiry), signature, ...(action === "subscribe" ? { format } : {}) };
      await portalApi(path, { method: action === "subscribe" ? "POST" : "DELETE", body });
      setDone(action === "subscribe" ? "Subscribed: each new event of your clusters is sent to this webhook." : "Webhook removed.");
    });

  return (
    <Section id="webhook" title="Notifications" className="space-y-3 rounded-lg border border-slate-700 p-4">
      <p className="text-sm text-slate-300">
        Get a message when something happens in your clusters, such as your turn to act: a webhook (Discord, Slack or JSON), or the{" "}
        <a className="text-orange-300 underline" href={`/api/operators/${operator}/feed.atom`}>
          Atom feed
        </a>{" "}
        in any feed reader.
      </p>
      {mine ? (
        <>
          <div className="flex flex-wrap gap-2">
            <label className="flex min-w-72 flex-1 flex-col text-sm">
              Webhook URL
              <input
                type="url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                placeholder="https://discord.com/api/webhooks/…"
                className="mt-1 rounded-md border border-slate-700 bg-slate-900 px-3 py-2"
              />
            </label>
            <label className="flex flex-col text-sm">
              Format
              <select value={format} onChange={(e) => setFormat(e.target.value as WebhookFormat)} className="mt-1 rounded-md border border-slate-700 bg-slate-900 px-3 py-2">
                {webhookFormats.map((f) => (
                  <option key={f} value={f}>
                    {formatLabels[f]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <PrimaryButton onClick={() => send("subscribe")} busy={step.busy} progress={step.progress} disabled={!url}>
              Subscribe
            </PrimaryButton>
            <button type="button" onClick={() => send("unsubscribe")} disabled={step.busy || !url} className="text-sm text-slate-300 underline disabled:opacity-50">
              Remove this webhook
            </button>
          </div>
          {done && (
            <p role="status" className="text-sm text-green-300">
              {done}
            </p>
          )}
          <ProblemNotice problem={step.problem} network={network} />
        </>
      ) : (
        <p className="text-sm text-slate-400">Connect this operator&apos;s wallet to subscribe a webhook.</p>
      )}
    </Section>
  );
}
