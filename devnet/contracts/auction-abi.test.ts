/**
 * Pins the twin's ABI (contracts-abi/auction.ts, generated from devnet/contracts/Auction.sol) to
 * Byzantine's published Auction: the lists below were written by reading its IAuction.sol
 * (functions, events, errors), AuctionStorage.sol (public constants, immutables and parameters),
 * Auction.sol (initialize) and the OpenZeppelin 5 upgradeable bases it inherits (Initializable,
 * OwnableUpgradeable, ReentrancyGuardUpgradeable). Any difference, in either direction, fails.
 */
import type { AbiParameter } from "viem";
import { describe, expect, it } from "vitest";
import { auctionAbi } from "@/contracts-abi";

const BID_DETAILS = "(uint256,uint256,address,uint32,uint16,uint8)";
const NODE_OP_DETAILS = "(uint32,uint16,uint8,uint8,bool)";
const CLUSTER_DETAILS = "(bytes32,uint256,(bytes32,uint32)[],address,uint8)";
const BST_NODE = "(uint256,bytes32)";

/** name(inputs) mutability -> (outputs); enums are uint8, structs tuples. */
const publishedFunctions = [
  // IAuction: getters
  "expectedDailyReturnWei() view -> (uint256)",
  "minDuration() view -> (uint32)",
  "maxDiscountRate() view -> (uint16)",
  // IAuction: views
  "isWhitelisted(address) view -> (bool)",
  `getNodeOpDetails(address) view -> (${NODE_OP_DETAILS})`,
  "getNumDVInAuction() view -> (uint256)",
  "getNumBids(uint8) view -> (uint256)",
  `getBidDetails(bytes32) view -> (${BID_DETAILS})`,
  `getClusterDetails(bytes32) view -> (${CLUSTER_DETAILS})`,
  "getWinningCluster() view -> (bytes32,uint256)",
  `getBidRanking(uint256,uint8) view -> (${BST_NODE}[])`,
  // IAuction: external
  "triggerAuction() nonpayable -> (bytes32)",
  "getPriceToPay(address,uint16,uint32,uint8) view -> (uint256)",
  "bid(uint16,uint32,uint8) payable -> (bytes32)",
  "getUpdateBidPrice(address,bytes32,uint16,uint32) view -> (uint256)",
  "updateBid(bytes32,uint16,uint32) payable -> ()",
  "withdrawBid(bytes32) nonpayable -> ()",
  "updateClusterStatus(bytes32,uint8) nonpayable -> ()",
  "setClusterPubKey(bytes32,bytes) nonpayable -> ()",
  // IAuction: owner and StakerRewards
  "whitelistNodeOps(address[]) nonpayable -> ()",
  "removeNodeOpFromWhitelist(address[]) nonpayable -> ()",
  "removeBid(bytes32,uint256,address,uint8) nonpayable -> ()",
  "updateExpectedDailyReturnWei(uint256) nonpayable -> ()",
  "updateMinDuration(uint32) nonpayable -> ()",
  "updateMaxDiscountRate(uint16) nonpayable -> ()",
  "updateNodeVCNumber(bytes32,uint32) nonpayable -> ()",
  // Auction.sol
  "initialize(address,uint256,uint16,uint32) nonpayable -> ()",
  // AuctionStorage.sol: public constants, immutables, state
  "NODE_OP_SPLIT_ALLOCATION() view -> (uint256)",
  "SPLIT_TOTAL_ALLOCATION() view -> (uint256)",
  "SPLIT_DISTRIBUTION_INCENTIVE() view -> (uint16)",
  "escrow() view -> (address)",
  "strategyVaultManager() view -> (address)",
  "pushSplitFactory() view -> (address)",
  "stakerRewards() view -> (address)",
  "dv4AuctionNumNodeOps() view -> (uint16)",
  "dv7AuctionNumNodeOps() view -> (uint16)",
  // OwnableUpgradeable
  "owner() view -> (address)",
  "renounceOwnership() nonpayable -> ()",
  "transferOwnership(address) nonpayable -> ()",
];

const publishedEvents = [
  "BidPlaced(address indexed,bytes32,uint16,uint32,uint256,uint256,uint8)",
  "BidUpdated(address indexed,bytes32 indexed,uint16,uint32,uint256,uint256)",
  "BidWithdrawn(address indexed,bytes32 indexed)",
  "BidRemoved(address indexed,bytes32 indexed)",
  "WinnerJoinedCluster(address indexed,bytes32 indexed,bytes32)",
  "ClusterCreated(bytes32 indexed,uint256,address,address,address)",
  // Initializable, OwnableUpgradeable
  "Initialized(uint64)",
  "OwnershipTransferred(address indexed,address indexed)",
];

const publishedErrors = [
  "OnlyStratVaultETH()",
  "OnlyStakerRewards()",
  "NodeOpHasPendingBids()",
  "NotWhitelisted()",
  "DiscountRateTooHigh()",
  "DurationTooShort()",
  "NotEnoughEtherSent()",
  "EscrowTransferFailed()",
  "RefundFailed()",
  "MainAuctionEmpty()",
  "SenderNotBidder()",
  "InvalidAuctionType()",
  // Initializable, OwnableUpgradeable, ReentrancyGuardUpgradeable
  "InvalidInitialization()",
  "NotInitializing()",
  "OwnableInvalidOwner(address)",
  "OwnableUnauthorizedAccount(address)",
  "ReentrancyGuardReentrantCall()",
];

function type(p: AbiParameter): string {
  if (!p.type.startsWith("tuple")) return p.type;
  const components = (p as { components: readonly AbiParameter[] }).components;
  return `(${components.map(type).join(",")})${p.type.slice("tuple".length)}`;
}
const list = (ps: readonly AbiParameter[]) => ps.map(type).join(",");
const sorted = (xs: string[]) => [...xs].sort();

describe("the twin's ABI is Byzantine's published Auction ABI", () => {
  it("has exactly the published functions, with their inputs, outputs and mutability", () => {
    const ours = auctionAbi.flatMap((item) => (item.type === "function" ? [`${item.name}(${list(item.inputs)}) ${item.stateMutability} -> (${list(item.outputs)})`] : []));
    expect(sorted(ours)).toEqual(sorted(publishedFunctions));
  });

  it("has exactly the published events, indexed topics included", () => {
    const ours = auctionAbi.flatMap((item) =>
      item.type === "event" ? [`${item.name}(${item.inputs.map((p) => `${type(p)}${p.indexed ? " indexed" : ""}`).join(",")})`] : [],
    );
    expect(sorted(ours)).toEqual(sorted(publishedEvents));
  });

  it("has exactly the published errors", () => {
    const ours = auctionAbi.flatMap((item) => (item.type === "error" ? [`${item.name}(${list(item.inputs)})`] : []));
    expect(sorted(ours)).toEqual(sorted(publishedErrors));
  });

  it("is constructed with the escrow, strategy vault manager, split factory and staker rewards", () => {
    const constructor = auctionAbi.find((item) => item.type === "constructor");
    expect(constructor && list(constructor.inputs)).toBe("address,address,address,address");
  });
});
