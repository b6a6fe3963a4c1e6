import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { Address } from "viem";
import { cookieToInitialState, type State } from "wagmi";
import { getEnv, publicConfig } from "@/lib/env";
import { getWagmiConfig } from "./config";

let serverConfig: ReturnType<typeof getWagmiConfig> | undefined;

/** wagmi's state from this request's cookie, parsed once per request (layout and pages share it). */
export const walletState = cache(async (): Promise<State | undefined> => {
  serverConfig ??= getWagmiConfig(publicConfig(getEnv()));
  return cookieToInitialState(serverConfig, (await headers()).get("cookie"));
});

/** The wallet account connected in this browser, from wagmi's cookie; null when none. */
export async function connectedAccount(): Promise<Address | null> {
  const state = await walletState();
  if (!state?.current) return null;
  return state.connections.get(state.current)?.accounts[0] ?? null;
}
