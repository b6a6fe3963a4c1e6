import { requireNetwork } from "@/lib/networks";

/** charon's DKG stamps every builder registration with the network's genesis time. */
export function genesisTimestamp(forkVersion: string): number {
  return requireNetwork(forkVersion, ": pass registrationTimestamp").genesisTime;
}
