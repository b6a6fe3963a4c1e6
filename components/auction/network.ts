import type { Address } from "viem";
import type { SyncNetwork } from "@/components/sync/network";

/** Where the auction lives, as the browser needs it for the wallet and links. */
export type AuctionNetwork = SyncNetwork & { auction: Address; explorerUrl: string | null };
