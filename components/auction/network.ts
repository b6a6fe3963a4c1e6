import type { Address } from "viem";
import type { WalletNetwork } from "@/components/wallet/network";

/** Where the auction lives, as the browser needs it for the wallet and links. */
export type AuctionNetwork = WalletNetwork & { auction: Address; explorerUrl: string | null };
