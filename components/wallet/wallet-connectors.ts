import { injected, type CreateConnectorFn } from "wagmi";
import type { PublicConfig } from "@/lib/env";

// A wallet icon for the injected fallback: RainbowKit lists connectors without its own details only when they carry one.
const walletIcon =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Crect width='24' height='24' rx='6' fill='%231e293b'/%3E%3Cpath d='M5 8h14v9H5z' fill='none' stroke='%23f97316' stroke-width='1.8'/%3E%3Ccircle cx='15.5' cy='12.5' r='1.3' fill='%23f97316'/%3E%3C/svg%3E";

/**
 * The wallets offered. Browser wallets announced through EIP-6963 are discovered by wagmi and
 * listed as installed; a wallet that only injects `window.ethereum` is reached through the
 * "Browser Wallet" fallback. With a WalletConnect project configured, RainbowKit's own list adds
 * MetaMask, Rabby (for when they are not installed) and WalletConnect: that needs RainbowKit's
 * main module and, on reconnecting, WalletConnect's client (~190 KiB compressed together), so a
 * portal without a project never downloads them.
 */
export async function browserConnectors(portal: PublicConfig): Promise<CreateConnectorFn[]> {
  const projectId = portal.walletConnectProjectId;
  if (!projectId) {
    return [injected({ target: { id: "injected", name: "Browser Wallet", icon: walletIcon, provider: (w) => w?.ethereum } })];
  }
  const [{ connectorsForWallets }, { injectedWallet, metaMaskWallet, rabbyWallet, walletConnectWallet }] = await Promise.all([
    import("@rainbow-me/rainbowkit"),
    import("@rainbow-me/rainbowkit/wallets"),
  ]);
  return connectorsForWallets(
    [
      { groupName: "Browser wallets", wallets: [injectedWallet, metaMaskWallet, rabbyWallet] },
      { groupName: "Other wallets", wallets: [walletConnectWallet] },
    ],
    { appName: "Byzantine DV Portal", projectId },
  );
}
