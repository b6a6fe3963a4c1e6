import type { Address, Hex } from "viem";
import type { Config } from "wagmi";
import { walletActions } from "@/components/wallet/wallet-context";
import { auctionAbi } from "@/contracts-abi";
import { JOIN_CLUSTER_4 } from "@/lib/auction/math";

/**
 * The operator's three auction transactions. Each is simulated first, so a refusal is reported
 * with the contract's own error before the wallet asks anything, then sent from the wallet.
 */

export type AuctionTarget = { auction: Address; chainId: number; account: Address };

/** The quoted price changed between the preview and the transaction (the auction's parameters moved). */
export class PriceChangedError extends Error {
  constructor(
    readonly expected: bigint,
    readonly actual: bigint,
  ) {
    super("The auction's price changed since this page was loaded.");
    this.name = "PriceChangedError";
  }
}

/** Places a bid, paying `getPriceToPay`; refuses if it differs from the price the operator was shown. */
export async function sendBid(config: Config, target: AuctionTarget, bid: { discountRate: number; duration: number; shownPrice: bigint }): Promise<Hex> {
  const { auction: address, chainId, account } = target;
  const { readContract, simulateContract, writeContract } = await walletActions();
  const value = await readContract(config, { address, abi: auctionAbi, functionName: "getPriceToPay", args: [account, bid.discountRate, bid.duration, JOIN_CLUSTER_4], chainId });
  if (value !== bid.shownPrice) throw new PriceChangedError(bid.shownPrice, value);
  const { request } = await simulateContract(config, { address, abi: auctionAbi, functionName: "bid", args: [bid.discountRate, bid.duration, JOIN_CLUSTER_4], value, account, chainId });
  return writeContract(config, request);
}

/** Changes a pending bid, paying what `getUpdateBidPrice` asks (zero when the new price is lower: the contract refunds). */
export async function sendBidChange(config: Config, target: AuctionTarget, change: { bidId: Hex; discountRate: number; duration: number; shownTopUp: bigint }): Promise<Hex> {
  const { auction: address, chainId, account } = target;
  const { readContract, simulateContract, writeContract } = await walletActions();
  const value = await readContract(config, { address, abi: auctionAbi, functionName: "getUpdateBidPrice", args: [account, change.bidId, change.discountRate, change.duration], chainId });
  if (value !== change.shownTopUp) throw new PriceChangedError(change.shownTopUp, value);
  const { request } = await simulateContract(config, { address, abi: auctionAbi, functionName: "updateBid", args: [change.bidId, change.discountRate, change.duration], value, account, chainId });
  return writeContract(config, request);
}

/** Withdraws a pending bid; the contract refunds its whole price. */
export async function sendWithdrawal(config: Config, target: AuctionTarget, bidId: Hex): Promise<Hex> {
  const { auction: address, chainId, account } = target;
  const { simulateContract, writeContract } = await walletActions();
  const { request } = await simulateContract(config, { address, abi: auctionAbi, functionName: "withdrawBid", args: [bidId], account, chainId });
  return writeContract(config, request);
}
