import { BaseError, ContractFunctionRevertedError, decodeErrorResult, InsufficientFundsError, type ContractErrorName } from "viem";
import { auctionAbi } from "@/contracts-abi";

/**
 * The auction's refusals as sentences an operator can act on. Keyed by the ABI's error names (the
 * ABI is Byzantine's, pinned by devnet/contracts/auction-abi.test.ts), so a new contract error
 * fails the type check until it is explained here.
 */
export const auctionErrorSentences: Record<ContractErrorName<typeof auctionAbi>, string> = {
  NotWhitelisted:
    "This wallet is not whitelisted in the auction: only node operators Byzantine has approved may bid. Connect a whitelisted operator wallet, or ask Byzantine to whitelist this address.",
  DiscountRateTooHigh: "The discount rate is above the auction's maximum; lower it.",
  DurationTooShort: "The duration is shorter than the auction's minimum; commit for more days.",
  NotEnoughEtherSent: "The ETH sent does not cover the bid's price (the auction's parameters may just have changed); refresh the page and try again.",
  SenderNotBidder:
    "This bid is not one of this wallet's pending bids: it belongs to another operator, or it was withdrawn, removed or has already won a seat. Refresh the page.",
  InvalidAuctionType: "The auction only accepts bids for 4-operator clusters.",
  RefundFailed: "The auction could not send ETH back to this wallet (a contract wallet that refuses ETH?); nothing was changed.",
  EscrowTransferFailed: "The auction could not move the payment into Byzantine's escrow; nothing was changed. Try again later, or tell Byzantine if it persists.",
  MainAuctionEmpty: "No cluster is waiting in the auction: it needs pending bids from four different operators first.",
  NodeOpHasPendingBids: "An operator with pending bids cannot be removed from the whitelist; its bids must be withdrawn or removed first.",
  OnlyStratVaultETH: "Only one of Byzantine's strategy vaults may do this (create a cluster, set its key or status).",
  OnlyStakerRewards: "Only Byzantine's staker rewards contract may spend a cluster's validation credits.",
  OwnableUnauthorizedAccount: "Only the auction's owner (Byzantine) may do this.",
  OwnableInvalidOwner: "The auction's owner cannot be the zero address.",
  InvalidInitialization: "The auction is already initialized.",
  NotInitializing: "This can only run while the auction is being initialized.",
  ReentrancyGuardReentrantCall: "The auction refused a call made from inside another auction call; send the transaction on its own.",
};

/** Byzantine's auction also refuses with plain strings (its ranking checks and its score tree). */
const stringReverts: { prefix: string; sentence: string }[] = [
  {
    prefix: "OrderStatisticsTree(406)",
    sentence:
      "You already placed a bid with this score in this second: the auction names a bid after its operator and the block time, so wait for the next block and bid again.",
  },
  { prefix: "Number of bids must be greater than 0", sentence: "The ranking was asked for no bids at all; ask for at least one." },
  { prefix: "Number of bids too high", sentence: "The ranking was asked for more bids than are pending; the auction changed meanwhile, refresh the page." },
  { prefix: "OrderStatisticsTree(", sentence: "The auction's ranking refused this change (its bid is no longer where it was); refresh the page and try again." },
];

/** Every refusal the page explains, for its "When the auction refuses" list: the name an operator's wallet may show, and its sentence. */
export const auctionRefusals: { name: string; sentence: string }[] = [
  ...Object.entries(auctionErrorSentences).map(([name, sentence]) => ({ name, sentence })),
  ...stringReverts.slice(0, 3).map(({ prefix, sentence }) => ({ name: `"${prefix}"`, sentence })),
];

const auctionErrors = auctionAbi.filter((item) => item.type === "error");

function revertOf(error: unknown): ContractFunctionRevertedError | null {
  if (!(error instanceof BaseError)) return null;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError ? reverted : null;
}

/** The name of the auction's custom error behind a failed call or transaction, if that is what it is. */
export function auctionRevertName(error: unknown): ContractErrorName<typeof auctionAbi> | null {
  const reverted = revertOf(error);
  if (!reverted) return null;
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
  const reason = revertOf(error)?.reason;
  const known = reason ? stringReverts.find((r) => reason.startsWith(r.prefix)) : undefined;
  if (known) return known.sentence;
  if (revertOf(error)?.data?.errorName === "Panic") {
    return "The auction's arithmetic refused this (an operator holds at most 255 pending bids of a kind); withdraw a bid, or tell Byzantine.";
  }
  if (error instanceof BaseError && error.walk((e) => e instanceof InsufficientFundsError) instanceof InsufficientFundsError) {
    return "This wallet does not hold enough ETH for the bid's price plus gas.";
  }
  return null;
}
