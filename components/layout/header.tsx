import { ConnectButton } from "@/components/wallet/connect-button";

export function Header() {
  return (
    <header className="flex items-center justify-end gap-3 border-b border-slate-800 px-4 py-3 md:px-8">
      <ConnectButton />
    </header>
  );
}
