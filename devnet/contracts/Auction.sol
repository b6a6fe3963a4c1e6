// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DevSplit} from "./DevSplit.sol";

interface IClusterVault {
    /// The EigenPod the vault prepared for the cluster being created.
    function pendingEigenPod() external view returns (address);
}

/// @title Development auction with the ABI surface and integer math of Byzantine's IAuction.
/// @notice Written for the local devnet of the portal; Byzantine's code is not copied.
contract Auction {
    enum ClusterStatus { INACTIVE, IN_CREATION, DEPOSITED, VERIFIED, EXITED }
    enum AuctionType { NULL, JOIN_CLUSTER_4, JOIN_CLUSTER_7 }

    struct NodeDetails { bytes32 bidId; uint32 currentVCNumber; }
    struct ClusterDetails {
        bytes32 clusterPubKeyHash;
        uint256 averageAuctionScore;
        NodeDetails[] nodes;
        address splitAddr;
        ClusterStatus status;
    }
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
    struct BSTNode { uint256 auctionScore; bytes32 bidId; }

    error OnlyOwner();
    error OnlyStrategyVaultManager();
    error NotWhitelisted();
    error AlreadyWhitelisted();
    error DiscountRateTooHigh();
    error DurationTooShort();
    error NotEnoughEtherSent();
    error MainAuctionEmpty();
    error SenderNotBidder();
    error InvalidAuctionType();
    error BidDoesNotExist();
    error ClusterDoesNotExist();
    error ClusterAlreadyExists();
    error InvalidPubKeyLength();
    error TooManyBids();
    error RefundFailed();

    event BidPlaced(address indexed nodeOpAddr, bytes32 bidId, uint16 discountRate, uint32 duration, uint256 bidPrice, uint256 auctionScore, AuctionType auctionType);
    event BidUpdated(address indexed nodeOpAddr, bytes32 indexed bidId, uint16 newDiscountRate, uint32 newDuration, uint256 newBidPrice, uint256 newAuctionScore);
    event BidWithdrawn(address indexed nodeOpAddr, bytes32 indexed bidId);
    event WinnerJoinedCluster(address indexed nodeOpAddr, bytes32 indexed clusterJoined, bytes32 winningBidId);
    event ClusterCreated(bytes32 indexed clusterId, uint256 averageAuctionScore, address vaultAddr, address splitAddr, address eigenPodAddr);

    uint256 private constant WAD = 1e18;
    uint256 private constant RAY = 1e27;
    uint256 private constant BASIS = 10_000;
    /// 1.0001 in RAY: the score grows by 0.01 % per day of commitment.
    uint256 private constant DAILY_GROWTH_RAY = 1.0001e27;
    uint8 private constant CLUSTER_SIZE = 4;
    /// Whitelisting stores this reputation; nothing raises or lowers it yet.
    uint32 private constant INITIAL_REPUTATION = 1;

    address public owner;
    address public strategyVaultManager;
    uint256 public expectedDailyReturnWei;
    uint16 public maxDiscountRate;
    uint32 public minDuration;

    mapping(address => NodeOpGlobalDetails) private _nodeOps;
    mapping(bytes32 => BidDetails) private _bids;
    mapping(bytes32 => ClusterDetails) private _clusters;
    /// Every bid id ever handed out, so a withdrawn bid's id is never reused.
    mapping(bytes32 => bool) private _bidIdTaken;

    /// Pending JOIN_CLUSTER_4 bids as a doubly linked list, best score first; equal scores keep
    /// their arrival order. Removal is O(1), so auctions stay cheap however many bids wait.
    mapping(bytes32 => bool) private _pending;
    mapping(bytes32 => bytes32) private _next;
    mapping(bytes32 => bytes32) private _prev;
    bytes32 private _head;
    bytes32 private _tail;
    uint256 private _numPending;

    constructor(uint256 expectedDailyReturnWei_, uint16 maxDiscountRate_, uint32 minDuration_) {
        owner = msg.sender;
        expectedDailyReturnWei = expectedDailyReturnWei_;
        maxDiscountRate = maxDiscountRate_;
        minDuration = minDuration_;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert OnlyOwner();
        _;
    }

    modifier onlyStrategyVaultManager() {
        if (msg.sender != strategyVaultManager) revert OnlyStrategyVaultManager();
        _;
    }

    // ---------------------------------------------------------------- owner

    function whitelistNodeOps(address[] calldata nodeOps) external onlyOwner {
        for (uint256 i = 0; i < nodeOps.length; i++) {
            NodeOpGlobalDetails storage details = _nodeOps[nodeOps[i]];
            if (details.isWhitelisted) revert AlreadyWhitelisted();
            details.isWhitelisted = true;
            details.reputationScore = INITIAL_REPUTATION;
        }
    }

    function setStrategyVaultManager(address manager) external onlyOwner { strategyVaultManager = manager; }
    function updateExpectedDailyReturnWei(uint256 value) external onlyOwner { expectedDailyReturnWei = value; }
    function updateMaxDiscountRate(uint16 value) external onlyOwner { maxDiscountRate = value; }
    function updateMinDuration(uint32 value) external onlyOwner { minDuration = value; }

    // ---------------------------------------------------------------- operators

    function bid(uint16 discountRate, uint32 timeInDays, AuctionType auctionType) external payable returns (bytes32 bidId) {
        if (!_nodeOps[msg.sender].isWhitelisted) revert NotWhitelisted();
        (uint256 price, uint256 score) = _quote(msg.sender, discountRate, timeInDays, auctionType);
        if (msg.value < price) revert NotEnoughEtherSent();
        if (_nodeOps[msg.sender].numBidsCluster4 == type(uint8).max) revert TooManyBids();

        // The id formula hashes the block time: further bids of one operator in one block take
        // the next free second, so ids stay unique and still follow the formula.
        uint256 stamp = block.timestamp;
        bidId = keccak256(abi.encodePacked(msg.sender, stamp, uint8(CLUSTER_SIZE)));
        while (_bidIdTaken[bidId]) {
            stamp++;
            bidId = keccak256(abi.encodePacked(msg.sender, stamp, uint8(CLUSTER_SIZE)));
        }
        _bidIdTaken[bidId] = true;
        _bids[bidId] = BidDetails(score, price, msg.sender, timeInDays, discountRate, auctionType);
        _nodeOps[msg.sender].numBidsCluster4 += 1;
        _insert(bidId, score);
        emit BidPlaced(msg.sender, bidId, discountRate, timeInDays, price, score, auctionType);
        _refund(msg.sender, msg.value - price);
    }

    function updateBid(bytes32 bidId, uint16 newDiscountRate, uint32 newTimeInDays) external payable {
        BidDetails storage details = _pendingBidOf(bidId, msg.sender);
        (uint256 price, uint256 score) = _quote(msg.sender, newDiscountRate, newTimeInDays, details.auctionType);
        uint256 oldPrice = details.bidPrice;
        uint256 owed = price > oldPrice ? price - oldPrice : 0;
        if (msg.value < owed) revert NotEnoughEtherSent();

        _remove(bidId);
        details.auctionScore = score;
        details.bidPrice = price;
        details.vcNumber = newTimeInDays;
        details.discountRate = newDiscountRate;
        _insert(bidId, score);
        emit BidUpdated(msg.sender, bidId, newDiscountRate, newTimeInDays, price, score);
        // A lower price gives back the difference; any excess sent comes back too.
        _refund(msg.sender, msg.value - owed + (oldPrice > price ? oldPrice - price : 0));
    }

    function withdrawBid(bytes32 bidId) external {
        BidDetails storage details = _pendingBidOf(bidId, msg.sender);
        uint256 refund = details.bidPrice;
        _remove(bidId);
        _nodeOps[msg.sender].numBidsCluster4 -= 1;
        delete _bids[bidId];
        emit BidWithdrawn(msg.sender, bidId);
        _refund(msg.sender, refund);
    }

    // ---------------------------------------------------------------- vault

    function triggerAuction() external onlyStrategyVaultManager returns (bytes32 clusterId) {
        bytes32[4] memory winners = _bestDistinctBids();
        address[4] memory nodeOps;
        uint256 scoreSum;
        uint256 paid;
        for (uint256 i = 0; i < CLUSTER_SIZE; i++) {
            BidDetails storage details = _bids[winners[i]];
            nodeOps[i] = details.nodeOp;
            scoreSum += details.auctionScore;
            paid += details.bidPrice;
        }
        uint256 average = scoreSum / CLUSTER_SIZE;
        clusterId = keccak256(abi.encodePacked(block.timestamp, average, nodeOps));

        ClusterDetails storage cluster = _clusters[clusterId];
        // Same second, same winners, same scores: the id formula cannot tell the two apart.
        if (cluster.nodes.length != 0) revert ClusterAlreadyExists();
        address split = address(new DevSplit(nodeOps));
        cluster.averageAuctionScore = average;
        cluster.splitAddr = split;
        cluster.status = ClusterStatus.IN_CREATION;
        for (uint256 i = 0; i < CLUSTER_SIZE; i++) {
            _remove(winners[i]);
            _nodeOps[nodeOps[i]].numBidsCluster4 -= 1;
            cluster.nodes.push(NodeDetails(winners[i], _bids[winners[i]].vcNumber));
            emit WinnerJoinedCluster(nodeOps[i], clusterId, winners[i]);
        }
        emit ClusterCreated(clusterId, average, msg.sender, split, IClusterVault(msg.sender).pendingEigenPod());
        // The winners' escrow pays for the validation they bought.
        _refund(msg.sender, paid);
    }

    function updateClusterStatus(bytes32 clusterId, ClusterStatus status) external onlyStrategyVaultManager {
        _existingCluster(clusterId).status = status;
    }

    function setClusterPubKey(bytes32 clusterId, bytes calldata clusterPubKey) external onlyStrategyVaultManager {
        if (clusterPubKey.length != 48) revert InvalidPubKeyLength();
        _existingCluster(clusterId).clusterPubKeyHash = sha256(abi.encodePacked(clusterPubKey, bytes16(0)));
    }

    // ---------------------------------------------------------------- views

    function getPriceToPay(address nodeOp, uint16 discountRate, uint32 timeInDays, AuctionType auctionType) external view returns (uint256 price) {
        if (!_nodeOps[nodeOp].isWhitelisted) revert NotWhitelisted();
        (price, ) = _quote(nodeOp, discountRate, timeInDays, auctionType);
    }

    function getUpdateBidPrice(address nodeOp, bytes32 bidId, uint16 newDiscountRate, uint32 newTimeInDays) external view returns (uint256) {
        BidDetails storage details = _pendingBidOf(bidId, nodeOp);
        (uint256 price, ) = _quote(nodeOp, newDiscountRate, newTimeInDays, details.auctionType);
        return price > details.bidPrice ? price - details.bidPrice : 0;
    }

    function getBidRanking(uint256 numBids, AuctionType auctionType) external view returns (BSTNode[] memory ranking) {
        if (auctionType != AuctionType.JOIN_CLUSTER_4) revert InvalidAuctionType();
        uint256 n = numBids < _numPending ? numBids : _numPending;
        ranking = new BSTNode[](n);
        bytes32 bidId = _head;
        for (uint256 i = 0; i < n; i++) {
            ranking[i] = BSTNode(_bids[bidId].auctionScore, bidId);
            bidId = _next[bidId];
        }
    }

    function getNumBids(AuctionType auctionType) external view returns (uint256) {
        if (auctionType == AuctionType.JOIN_CLUSTER_4) return _numPending;
        if (auctionType == AuctionType.JOIN_CLUSTER_7) return 0;
        revert InvalidAuctionType();
    }

    function getNumDVInAuction() external view returns (uint256) { return _numPending; }

    /// The bids that would win if an auction ran now: best first, one per operator.
    function getWinningCluster() external view returns (bytes32[4] memory) { return _bestDistinctBids(); }

    function getBidDetails(bytes32 bidId) external view returns (BidDetails memory) { return _bids[bidId]; }
    function getClusterDetails(bytes32 clusterId) external view returns (ClusterDetails memory) { return _clusters[clusterId]; }
    function getNodeOpDetails(address nodeOp) external view returns (NodeOpGlobalDetails memory) { return _nodeOps[nodeOp]; }
    function isWhitelisted(address nodeOp) external view returns (bool) { return _nodeOps[nodeOp].isWhitelisted; }

    // ---------------------------------------------------------------- math

    /// Mirrored exactly by lib/auction/math.ts (the portal's price and score preview).
    function _quote(address nodeOp, uint16 discountRate, uint32 timeInDays, AuctionType auctionType) private view returns (uint256 price, uint256 score) {
        if (auctionType != AuctionType.JOIN_CLUSTER_4) revert InvalidAuctionType();
        if (discountRate > maxDiscountRate) revert DiscountRateTooHigh();
        if (timeInDays < minDuration) revert DurationTooShort();
        uint256 dailyVcPrice = expectedDailyReturnWei * (BASIS - discountRate) / (CLUSTER_SIZE * BASIS);
        price = uint256(timeInDays) * dailyVcPrice;
        // 1.0001^days computed in RAY for precision, then brought back to WAD.
        uint256 growthWad = _rpow(DAILY_GROWTH_RAY, timeInDays) / (RAY / WAD);
        score = dailyVcPrice * growthWad * _nodeOps[nodeOp].reputationScore / WAD;
    }

    /// x^n in RAY fixed point by squaring, each product rounded half up (DSMath's rpow).
    function _rpow(uint256 x, uint256 n) private pure returns (uint256 z) {
        z = n % 2 != 0 ? x : RAY;
        for (n /= 2; n != 0; n /= 2) {
            x = (x * x + RAY / 2) / RAY;
            if (n % 2 != 0) z = (z * x + RAY / 2) / RAY;
        }
    }

    // ---------------------------------------------------------------- internals

    function _pendingBidOf(bytes32 bidId, address nodeOp) private view returns (BidDetails storage details) {
        details = _bids[bidId];
        if (!_pending[bidId]) revert BidDoesNotExist();
        if (details.nodeOp != nodeOp) revert SenderNotBidder();
    }

    function _existingCluster(bytes32 clusterId) private view returns (ClusterDetails storage cluster) {
        cluster = _clusters[clusterId];
        if (cluster.nodes.length == 0) revert ClusterDoesNotExist();
    }

    function _bestDistinctBids() private view returns (bytes32[4] memory winners) {
        address[4] memory taken;
        uint256 found;
        for (bytes32 bidId = _head; bidId != bytes32(0) && found < CLUSTER_SIZE; bidId = _next[bidId]) {
            address nodeOp = _bids[bidId].nodeOp;
            bool seated;
            for (uint256 j = 0; j < found; j++) if (taken[j] == nodeOp) seated = true;
            if (seated) continue;
            taken[found] = nodeOp;
            winners[found++] = bidId;
        }
        if (found < CLUSTER_SIZE) revert MainAuctionEmpty();
    }

    /// Walks up from the tail: new bids usually rank low, and equal scores stay behind older ones.
    function _insert(bytes32 bidId, uint256 score) private {
        bytes32 before = _tail;
        while (before != bytes32(0) && _bids[before].auctionScore < score) before = _prev[before];
        bytes32 after_ = before == bytes32(0) ? _head : _next[before];
        _prev[bidId] = before;
        _next[bidId] = after_;
        if (before == bytes32(0)) _head = bidId;
        else _next[before] = bidId;
        if (after_ == bytes32(0)) _tail = bidId;
        else _prev[after_] = bidId;
        _pending[bidId] = true;
        _numPending++;
    }

    function _remove(bytes32 bidId) private {
        if (!_pending[bidId]) revert BidDoesNotExist();
        bytes32 before = _prev[bidId];
        bytes32 after_ = _next[bidId];
        if (before == bytes32(0)) _head = after_;
        else _next[before] = after_;
        if (after_ == bytes32(0)) _tail = before;
        else _prev[after_] = before;
        delete _prev[bidId];
        delete _next[bidId];
        delete _pending[bidId];
        _numPending--;
    }

    function _refund(address to, uint256 amount) private {
        if (amount == 0) return;
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert RefundFailed();
    }
}
