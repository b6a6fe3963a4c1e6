import { BaseError, ContractFunctionRevertedError, decodeErrorResult, InsufficientFundsError, type ContractErrorName } from "viem";
import { auctionAbi } from "@/contracts-abi";

/**
 * The auction's refusals as sentences an operator can act on. Keyed by the ABI's error names, so
 * a new contract error fails the type check until it is explained here.
 */
export const auctionErrorSentences: Record<ContractErrorName<typeof auctionAbi>, string> = {
  NotWhitelisted:
    "This wallet is not whitelisted in the auction: only node operators Byzantine has approved may bid. Connect a whitelisted operator wallet, or ask Byzantine to whitelist this address.",
  DiscountRateTooHigh: "The discount rate is above the auction's maximum; lower it.",
  DurationTooShort: "The duration is shorter than the auction's minimum; commit for more days.",
  NotEnoughEtherSent: "The ETH sent does not cover the bid's price (the auction's parameters may just have changed); refresh the page and try again.",
  TooManyBids: "This operator already has the most pending bids the auction allows; withdraw one first.",
  SenderNotBidder: "This bid belongs to another operator: only the wallet that placed it can change or withdraw it.",
  BidDoesNotExist: "This bid is no longer pending: it was withdrawn or has already won a seat in a cluster. Refresh the page.",
  InvalidAuctionType: "The auction only accepts bids for 4-operator clusters.",
  RefundFailed: "The auction could not send the refund to this wallet (a contract wallet that refuses ETH?); nothing was changed.",
  MainAuctionEmpty: "An auction needs pending bids from four different operators; there are not enough yet.",
  OnlyOwner: "Only the auction's owner may do this.",
  OnlyStrategyVaultManager: "Only Byzantine's strategy vault manager may do this.",
  AlreadyWhitelisted: "This operator is already whitelisted.",
  ClusterDoesNotExist: "The auction has no such cluster.",
  ClusterAlreadyExists: "This cluster already exists.",
  InvalidPubKeyLength: "A validator public key is 48 bytes long.",
};

const auctionErrors = auctionAbi.filter((item) => item.type === "error");

/** The name of the auction's custom error behind a failed call or transaction, if that is what it is. */
export function auctionRevertName(error: unknown): ContractErrorName<typeof auctionAbi> | null {
  if (!(error instanceof BaseError)) return null;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError)) return null;
  const name = reverted.data?.errorName ?? decodeRaw(reverted.raw);
  return name !== null && name in auctionErrorSentences ? (name as ContractErrorName<typeof auctionAbi>) : null;
}

function decodeRaw(raw: `0x${string}` | undefined): string | null {
  if (!raw || raw === "0x") return null;
  try {
    return decodeErrorResult({ abi: auctionErrors, data: raw }).errorName;
  } catch {
    return null;
  }
}

/** A sentence for what the auction refused, or null when the failure is not the auction's (wallet, network). */
export function explainAuctionError(error: unknown): string | null {
  const name = auctionRevertName(error);
  if (name) return auctionErrorSentences[name];
  if (error instanceof BaseError && error.walk((e) => e instanceof InsufficientFundsError) instanceof InsufficientFundsError) {
    return "This wallet does not hold enough ETH for the bid's price plus gas.";
  }
  return null;
}
