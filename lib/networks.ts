/**
 * The networks charon knows, by genesis fork version (charon eth2util/network.go): the EIP-712
 * chain id of the cluster signatures, the name deposit-data files carry, the genesis time the
 * DKG stamps on builder registrations, the length of an epoch (32 slots of 12 s; Gnosis 16 of 5 s),
 * and what a voluntary exit's domain needs (EIP-7044: the Capella fork version, whatever the
 * current fork; and the genesis validators root, which charon asks a beacon node for and which is
 * fixed per network, docs/obol.md §Exits and deposits).
 */
export const networks = {
  "0x00000000": { name: "mainnet", secondsPerEpoch: 384, chainId: 1, genesisTime: 1606824023, capellaForkVersion: "0x03000000", genesisValidatorsRoot: "0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95" },
  "0x00001020": { name: "goerli", secondsPerEpoch: 384, chainId: 5, genesisTime: 1616508000, capellaForkVersion: "0x03001020", genesisValidatorsRoot: "0x043db0d9a83813551ee2f33450d23797757d430911a9320530ad8a0eabc43efb" },
  "0x00000064": { name: "gnosis", secondsPerEpoch: 80, chainId: 100, genesisTime: 1638993340, capellaForkVersion: "0x03000064", genesisValidatorsRoot: "0xf5dcb5564e829aab27264b9becd5dfaa017085611224cb3036f573368dbb9d47" },
  "0x0000006f": { name: "chiado", secondsPerEpoch: 80, chainId: 10200, genesisTime: 1665396300, capellaForkVersion: "0x0300006f", genesisValidatorsRoot: "0x9d642dac73058fbf39c0ae41ab1e34e4d889043cb199851ded7095bc99eb4c1e" },
  "0x90000069": { name: "sepolia", secondsPerEpoch: 384, chainId: 11155111, genesisTime: 1655733600, capellaForkVersion: "0x90000072", genesisValidatorsRoot: "0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078" },
  "0x01017000": { name: "holesky", secondsPerEpoch: 384, chainId: 17000, genesisTime: 1696000704, capellaForkVersion: "0x04017000", genesisValidatorsRoot: "0x9143aa7c615a7f7115e2b6aac319c03529df8242ae705fba9df39b79c59fa8b1" },
  "0x10000910": { name: "hoodi", secondsPerEpoch: 384, chainId: 560048, genesisTime: 1742213400, capellaForkVersion: "0x40000910", genesisValidatorsRoot: "0x212f13fc4df078b6cb7db228f1c8307566dcecf900867401a92023d7ba99cb5f" },
} as const satisfies Record<string, { name: string; secondsPerEpoch: number; chainId: number; genesisTime: number; capellaForkVersion: `0x${string}`; genesisValidatorsRoot: `0x${string}` }>;

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
