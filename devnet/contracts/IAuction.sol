// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The published interface of Byzantine's auction (types, events, errors), written from
/// its documentation so the devnet twin and the portal's ABI agree with the deployed contract.
interface IAuction {
    enum AuctionType { NULL, JOIN_CLUSTER_4, JOIN_CLUSTER_7 }
    enum ClusterStatus { INACTIVE, IN_CREATION, DEPOSITED, VERIFIED, EXITED }

    struct BidDetails {
        uint256 auctionScore;
        uint256 bidPrice;
        address nodeOp;
        uint32 vcNumber;
        uint16 discountRate;
        AuctionType auctionType;
    }
    struct NodeOpGlobalDetails {
        uint32 reputationScore;
        uint16 numBonds;
        uint8 numBidsCluster4;
        uint8 numBidsCluster7;
        bool isWhitelisted;
    }
    struct LatestWinningInfo {
        uint256 lastestWinningScore;
        bytes32 latestWinningClusterId;
    }
    struct NodeDetails { bytes32 bidId; uint32 currentVCNumber; }
    struct ClusterDetails {
        bytes32 clusterPubKeyHash;
        uint256 averageAuctionScore;
        NodeDetails[] nodes;
        address splitAddr;
        ClusterStatus status;
    }
    struct BSTNode { uint256 auctionScore; bytes32 bidId; }

    event BidPlaced(address indexed nodeOpAddr, bytes32 bidId, uint16 discountRate, uint32 duration, uint256 bidPrice, uint256 auctionScore, AuctionType auctionType);
    event BidUpdated(address indexed nodeOpAddr, bytes32 indexed bidId, uint16 newDiscountRate, uint32 newDuration, uint256 newBidPrice, uint256 newAuctionScore);
    event BidWithdrawn(address indexed nodeOpAddr, bytes32 indexed bidId);
    event BidRemoved(address indexed nodeOpAddr, bytes32 indexed bidId);
    event WinnerJoinedCluster(address indexed nodeOpAddr, bytes32 indexed clusterJoined, bytes32 winningBidId);
    event ClusterCreated(bytes32 indexed clusterId, uint256 averageAuctionScore, address vaultAddr, address splitAddr, address eigenPodAddr);

    error OnlyStratVaultETH();
    error OnlyStakerRewards();
    error NodeOpHasPendingBids();
    error NotWhitelisted();
    error DiscountRateTooHigh();
    error DurationTooShort();
    error NotEnoughEtherSent();
    error EscrowTransferFailed();
    error RefundFailed();
    error MainAuctionEmpty();
    error SenderNotBidder();
    error InvalidAuctionType();
}
