"use client";

import { ConnectButton, darkTheme, RainbowKitProvider, useAccountModal, useChainModal, useConnectModal } from "@rainbow-me/rainbowkit";
import "@rainbow-me/rainbowkit/styles.css";
import { useEffect } from "react";
import { useWallet } from "./wallet-context";

/** Opens the dialog the visitor asked for once RainbowKit has loaded. */
function OpenWhenAsked() {
  const { openConnectModal } = useConnectModal();
  const { openAccountModal } = useAccountModal();
  const { openChainModal } = useChainModal();
  const { dialog, opened } = useWallet();
  useEffect(() => {
    if (!dialog) return;
    const open = { connect: openConnectModal, account: openAccountModal, chain: openChainModal }[dialog];
    if (!open) return;
    open();
    opened();
  }, [dialog, openConnectModal, openAccountModal, openChainModal, opened]);
  return null;
}

/** RainbowKit: its button and dialogs, in the header's place of the light account button (./account-button). */
export default function WalletDialogs() {
  const { portal } = useWallet();
  return (
    <RainbowKitProvider initialChain={portal.chainId} theme={darkTheme({ accentColor: "#f97316", accentColorForeground: "#0b0f19", borderRadius: "medium" })}>
      <OpenWhenAsked />
      <ConnectButton
        accountStatus={{ smallScreen: "avatar", largeScreen: "full" }}
        // No chain selector: its name ("Chain Selector") does not contain the chain name it shows
        // (WCAG 2.5.3), and the portal works on one chain. A wrong one still shows "Wrong network".
        chainStatus="none"
        showBalance={{ smallScreen: false, largeScreen: true }}
      />
    </RainbowKitProvider>
  );
}
