import type { Hex } from "viem";

/** The network the wallet signs and sends on: the EIP-712 chain follows the fork version. */
export type WalletNetwork = { chainId: number; chainName: string; forkVersion: Hex };
