// Genesis times by genesis fork version (charon eth2util/network.go): charon's DKG stamps every
// builder registration with the network's genesis time (ForkVersionToGenesisTime).
export const GENESIS_TIMESTAMPS: Readonly<Record<string, number>> = {
  "0x00000000": 1606824023, // mainnet
  "0x00001020": 1616508000, // goerli
  "0x00000064": 1638993340, // gnosis
  "0x0000006f": 1665396300, // chiado
  "0x90000069": 1655733600, // sepolia
  "0x01017000": 1696000704, // holesky
  "0x10000910": 1742213400, // hoodi
};

export function genesisTimestamp(forkVersion: string): number {
  const t = GENESIS_TIMESTAMPS[forkVersion.toLowerCase()];
  if (t === undefined) throw new Error(`unknown fork version ${forkVersion}: pass registrationTimestamp`);
  return t;
}
