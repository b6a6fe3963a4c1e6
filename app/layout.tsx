import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Footer } from "@/components/layout/footer";
import { Header } from "@/components/layout/header";
import { Sidebar } from "@/components/layout/sidebar";
import { HydrationSignal } from "@/components/ui/hydration-signal";
import { WalletRoot } from "@/components/wallet/wallet-context";
import { getEnv, publicConfig } from "@/lib/env";
import { walletState } from "@/lib/wallet/connected-account";
import "./globals.css";

const description = "Synchronize your Byzantine distributed-validator cluster with the other operators.";

export function generateMetadata(): Metadata {
  // Social previews need absolute image URLs: from the configured public origin when there is one.
  const publicUrl = getEnv().PUBLIC_URL;
  return {
    ...(publicUrl ? { metadataBase: new URL(publicUrl) } : {}),
    title: { default: "Byzantine DV Portal", template: "%s · Byzantine DV Portal" },
    description,
    manifest: "/manifest.webmanifest",
    openGraph: { siteName: "Byzantine DV Portal", type: "website", description, images: [{ url: "/og.png", width: 1200, height: 630 }] },
    twitter: { card: "summary_large_image", images: ["/og.png"] },
  };
}

export const viewport: Viewport = { themeColor: "#020617", width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const config = publicConfig(getEnv());
  // The wallet cookie lets the first server render know the connected account.
  const initialState = await walletState();
  return (
    <html lang="en">
      <body>
        {/* The first stop of the keyboard: past the sidebar and the header, to the page itself. */}
        <a
          href="#main"
          className="sr-only rounded-md bg-orange-500 px-4 py-2 font-medium text-slate-950 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to content
        </a>
        <WalletRoot portal={config} initialState={initialState}>
          <div className="flex min-h-screen flex-col md:flex-row">
            <aside className="border-b border-slate-800 p-4 md:min-h-screen md:border-r md:border-b-0">
              <Sidebar />
            </aside>
            <div className="flex min-w-0 flex-1 flex-col">
              <Header />
              <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none md:px-8">{children}</main>
              <Footer />
            </div>
          </div>
        </WalletRoot>
        <HydrationSignal />
      </body>
    </html>
  );
}
