"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useAccount } from "wagmi";

/**
 * Server components read the connected account from wagmi's cookie; when the wallet connects,
 * disconnects or switches accounts, render them again so "mine" follows the wallet.
 */
export function AccountRefresh() {
  const { address } = useAccount();
  const router = useRouter();
  const seen = useRef(address);
  useEffect(() => {
    if (seen.current === address) return;
    seen.current = address;
    router.refresh();
  }, [address, router]);
  return null;
}
