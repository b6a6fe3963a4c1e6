import "server-only";
import { headers } from "next/headers";
import type { Address } from "viem";
import { cookieToInitialState } from "wagmi";
import { getEnv, publicConfig } from "@/lib/env";
import { getWagmiConfig } from "./config";

/** The wallet account connected in this browser, from wagmi's cookie; null when none. */
export async function connectedAccount(): Promise<Address | null> {
  const state = cookieToInitialState(getWagmiConfig(publicConfig(getEnv())), (await headers()).get("cookie"));
  if (!state?.current) return null;
  return state.connections.get(state.current)?.accounts[0] ?? null;
}
