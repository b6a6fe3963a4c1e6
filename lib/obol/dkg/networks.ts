import { networkOf } from "@/lib/obol/networks";

/** charon's DKG stamps every builder registration with the network's genesis time. */
export function genesisTimestamp(forkVersion: string): number {
  const network = networkOf(forkVersion);
  if (!network) throw new Error(`unknown fork version ${forkVersion}: pass registrationTimestamp`);
  return network.genesisTime;
}
