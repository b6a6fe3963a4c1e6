/**
 * The networks charon knows, by genesis fork version (charon eth2util/network.go): the EIP-712
 * chain id of the cluster signatures, the name deposit-data files carry, and the genesis time the
 * DKG stamps on builder registrations.
 */
export const networks = {
  "0x00000000": { name: "mainnet", chainId: 1, genesisTime: 1606824023 },
  "0x00001020": { name: "goerli", chainId: 5, genesisTime: 1616508000 },
  "0x00000064": { name: "gnosis", chainId: 100, genesisTime: 1638993340 },
  "0x0000006f": { name: "chiado", chainId: 10200, genesisTime: 1665396300 },
  "0x90000069": { name: "sepolia", chainId: 11155111, genesisTime: 1655733600 },
  "0x01017000": { name: "holesky", chainId: 17000, genesisTime: 1696000704 },
  "0x10000910": { name: "hoodi", chainId: 560048, genesisTime: 1742213400 },
} as const satisfies Record<string, { name: string; chainId: number; genesisTime: number }>;

export type Network = (typeof networks)[keyof typeof networks];

/** The network of a fork version, or undefined when charon knows none. */
export function networkOf(forkVersion: string): Network | undefined {
  return (networks as Record<string, Network | undefined>)[forkVersion.toLowerCase()];
}

/** The network of a fork version; throws naming it when charon knows none. */
export function requireNetwork(forkVersion: string, hint = ""): Network {
  const network = networkOf(forkVersion);
  if (!network) throw new Error(`unknown fork version ${forkVersion}${hint}`);
  return network;
}
