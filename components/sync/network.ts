import type { Hex } from "viem";

/** The network the cluster's signatures are for: the EIP-712 chain follows the fork version. */
export type SyncNetwork = { chainId: number; chainName: string; forkVersion: Hex };
