// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAuction} from "./IAuction.sol";
import {ScoreTree} from "./ScoreTree.sol";
import {DevSplitFactory} from "./DevSplitFactory.sol";

interface IEscrow {
    function refund(address nodeOp, uint256 amount) external;
    function releaseFunds(uint256 bidPrice) external;
}

interface IStrategyVaultManager {
    function isStratVaultETH(address vault) external view returns (bool);
    function getPodByStratVaultAddr(address vault) external view returns (address);
}

interface IStakerRewards {}

/// @title The devnet twin of Byzantine's auction: the published ABI, the same reverts, math,
/// reputation and bond rules, behind an ERC-1967 proxy with `initialize`. Written for the portal's
/// devnet from Byzantine's published interface and behaviour; their code is not copied.
/// @notice Byzantine's quirks are kept on purpose, since operators meet them on the real chain:
/// every bid scores with reputation 1 whatever `reputationScore` holds; `getBidRanking` returns a
/// wrong score for entries after a group of equal scores (the ids and their order are right);
/// a second bid by one operator in one second has the same id.
contract Auction is IAuction {
    using ScoreTree for ScoreTree.Tree;

    // ------------------------------------------------------------ OpenZeppelin-compatible surface
    event Initialized(uint64 version);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    error InvalidInitialization();
    error NotInitializing();
    error OwnableUnauthorizedAccount(address account);
    error OwnableInvalidOwner(address owner);
    error ReentrancyGuardReentrantCall();

    // ------------------------------------------------------------ constants and immutables
    uint256 public constant NODE_OP_SPLIT_ALLOCATION = 250_000;
    uint256 public constant SPLIT_TOTAL_ALLOCATION = 1_000_000;
    uint16 public constant SPLIT_DISTRIBUTION_INCENTIVE = 20_000;
    /// Non-whitelisted operators would pay this bond on top of a bid.
    uint256 private constant BOND = 1 ether;
    uint8 private constant CLUSTER_SIZE_4 = 4;
    /// What `bid` and `updateBid` score with: Byzantine has no reputation source yet.
    uint32 private constant BID_REPUTATION = 1;

    uint256 private constant WAD = 1e18;
    uint256 private constant RAY = 1e27;
    uint256 private constant BASIS = 10_000;
    /// 1.0001 in RAY: the score grows by 0.01 % per day of commitment.
    uint256 private constant DAILY_GROWTH_RAY = 10_001 * 1e23;

    IEscrow public immutable escrow;
    IStrategyVaultManager public immutable strategyVaultManager;
    DevSplitFactory public immutable pushSplitFactory;
    IStakerRewards public immutable stakerRewards;

    // ------------------------------------------------------------ state (behind the proxy)
    uint64 private _initialized;
    bool private _initializing;
    address private _owner;
    bool private _entered;

    ScoreTree.Tree private _mainTree;
    ScoreTree.Tree private _dv4Tree;
    LatestWinningInfo private _dv4Latest;

    uint256 public expectedDailyReturnWei;
    uint32 public minDuration;
    uint16 public dv4AuctionNumNodeOps;
    uint16 public dv7AuctionNumNodeOps;
    uint16 public maxDiscountRate;

    mapping(address => NodeOpGlobalDetails) private _nodeOps;
    mapping(bytes32 => BidDetails) private _bids;
    mapping(bytes32 => ClusterDetails) private _clusters;

    constructor(IEscrow escrow_, IStrategyVaultManager manager_, DevSplitFactory splitFactory_, IStakerRewards stakerRewards_) {
        escrow = escrow_;
        strategyVaultManager = manager_;
        pushSplitFactory = splitFactory_;
        stakerRewards = stakerRewards_;
        // The implementation itself can never be initialized; only the proxy can.
        _initialized = type(uint64).max;
        emit Initialized(type(uint64).max);
    }

    // ------------------------------------------------------------ modifiers

    modifier initializer() {
        if (_initialized != 0 || _initializing) revert InvalidInitialization();
        _initialized = 1;
        _initializing = true;
        _;
        _initializing = false;
        emit Initialized(1);
    }

    modifier onlyInitializing() {
        if (!_initializing) revert NotInitializing();
        _;
    }

    modifier onlyOwner() {
        if (msg.sender != _owner) revert OwnableUnauthorizedAccount(msg.sender);
        _;
    }

    modifier nonReentrant() {
        if (_entered) revert ReentrancyGuardReentrantCall();
        _entered = true;
        _;
        _entered = false;
    }

    modifier onlyStratVaultETH() {
        if (!strategyVaultManager.isStratVaultETH(msg.sender)) revert OnlyStratVaultETH();
        _;
    }

    modifier onlyStakerRewards() {
        if (msg.sender != address(stakerRewards)) revert OnlyStakerRewards();
        _;
    }

    // ------------------------------------------------------------ initialization and ownership

    function initialize(address initialOwner, uint256 expectedDailyReturnWei_, uint16 maxDiscountRate_, uint32 minDuration_) external initializer {
        _setOwner(initialOwner);
        _initGuard();
        expectedDailyReturnWei = expectedDailyReturnWei_;
        maxDiscountRate = maxDiscountRate_;
        minDuration = minDuration_;
    }

    function _initGuard() private onlyInitializing {
        _entered = false;
    }

    function owner() public view returns (address) {
        return _owner;
    }

    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert OwnableInvalidOwner(address(0));
        _setOwner(newOwner);
    }

    function renounceOwnership() external onlyOwner {
        _setOwner(address(0));
    }

    function _setOwner(address newOwner) private {
        emit OwnershipTransferred(_owner, newOwner);
        _owner = newOwner;
    }

    // ------------------------------------------------------------ strategy vaults

    function triggerAuction() external onlyStratVaultETH nonReentrant returns (bytes32 clusterId) {
        if (_mainTree.count() == 0) revert MainAuctionEmpty();
        uint256 average;
        (clusterId, average) = getWinningCluster();
        ClusterDetails storage cluster = _clusters[clusterId];
        cluster.status = ClusterStatus.IN_CREATION;
        NodeDetails[] memory nodes = cluster.nodes;
        _mainTree.remove(clusterId, average);

        address[] memory recipients = new address[](nodes.length);
        uint256[] memory allocations = new uint256[](nodes.length);
        for (uint256 i = 0; i < nodes.length; i++) {
            recipients[i] = _bids[nodes[i].bidId].nodeOp;
            allocations[i] = NODE_OP_SPLIT_ALLOCATION;
        }
        address split = pushSplitFactory.createSplit(
            DevSplitFactory.Split(recipients, allocations, SPLIT_TOTAL_ALLOCATION, SPLIT_DISTRIBUTION_INCENTIVE),
            _owner,
            _owner
        );
        address pod = strategyVaultManager.getPodByStratVaultAddr(msg.sender);
        cluster.splitAddr = split;

        _seatWinners(nodes, clusterId);
        emit ClusterCreated(clusterId, average, msg.sender, split, pod);
    }

    function setClusterPubKey(bytes32 clusterId, bytes calldata clusterPubkey) external onlyStratVaultETH {
        _clusters[clusterId].clusterPubKeyHash = sha256(abi.encodePacked(clusterPubkey, bytes16(0)));
    }

    function updateClusterStatus(bytes32 clusterId, ClusterStatus newStatus) external onlyStratVaultETH {
        _clusters[clusterId].status = newStatus;
    }

    /// One validation credit is spent per node per day; a node out of credits ends the cluster.
    function updateNodeVCNumber(bytes32 clusterId, uint32 consumedVCs) external onlyStakerRewards {
        ClusterDetails storage cluster = _clusters[clusterId];
        for (uint8 i = 0; i < cluster.nodes.length; i++) {
            cluster.nodes[i].currentVCNumber -= consumedVCs;
            if (cluster.nodes[i].currentVCNumber == 0) cluster.status = ClusterStatus.EXITED;
        }
    }

    // ------------------------------------------------------------ operators

    function getPriceToPay(address nodeOpAddr, uint16 discountRate, uint32 timeInDays, AuctionType auctionType) external view returns (uint256) {
        _checkTerms(discountRate, timeInDays);
        if (auctionType != AuctionType.JOIN_CLUSTER_4) revert InvalidAuctionType();
        uint256 price = _bidPrice(_dailyVcPrice(discountRate), timeInDays);
        return isWhitelisted(nodeOpAddr) ? price : price + BOND;
    }

    function bid(uint16 discountRate, uint32 timeInDays, AuctionType auctionType) external payable nonReentrant returns (bytes32 bidId) {
        if (!isWhitelisted(msg.sender)) revert NotWhitelisted();
        _checkTerms(discountRate, timeInDays);
        if (auctionType != AuctionType.JOIN_CLUSTER_4) revert InvalidAuctionType();

        NodeOpGlobalDetails storage me = _nodeOps[msg.sender];
        if (me.numBidsCluster4 == 0) dv4AuctionNumNodeOps += 1;
        uint256 vcPrice = _dailyVcPrice(discountRate);
        uint256 price = _bidPrice(vcPrice, timeInDays);
        uint256 score = _score(vcPrice, timeInDays, BID_REPUTATION);

        // The id hashes the sender and the block time only: one operator, one bid per second.
        bidId = keccak256(abi.encodePacked(msg.sender, block.timestamp, CLUSTER_SIZE_4));
        _dv4Tree.insert(bidId, score);
        me.numBidsCluster4 += 1;
        _bids[bidId] = BidDetails(score, price, msg.sender, timeInDays, discountRate, AuctionType.JOIN_CLUSTER_4);
        if (score > _dv4Latest.lastestWinningScore && dv4AuctionNumNodeOps >= CLUSTER_SIZE_4) _formVirtualCluster();
        emit BidPlaced(msg.sender, bidId, discountRate, timeInDays, price, score, AuctionType.JOIN_CLUSTER_4);

        // Whitelisted (checked above), so no bond is due.
        _takePayment(msg.value, price);
    }

    function getUpdateBidPrice(address nodeOpAddr, bytes32 bidId, uint16 newDiscountRate, uint32 newTimeInDays) external view returns (uint256) {
        BidDetails storage b = _bids[bidId];
        if (b.nodeOp != nodeOpAddr) revert SenderNotBidder();
        _checkTerms(newDiscountRate, newTimeInDays);
        if (b.auctionType != AuctionType.JOIN_CLUSTER_4) revert InvalidAuctionType();
        uint256 price = _bidPrice(_dailyVcPrice(newDiscountRate), newTimeInDays);
        return price > b.bidPrice ? price - b.bidPrice : 0;
    }

    function updateBid(bytes32 bidId, uint16 newDiscountRate, uint32 newTimeInDays) external payable nonReentrant {
        BidDetails storage b = _bids[bidId];
        if (b.nodeOp != msg.sender) revert SenderNotBidder();
        _checkTerms(newDiscountRate, newTimeInDays);
        if (b.auctionType != AuctionType.JOIN_CLUSTER_4) revert InvalidAuctionType();

        uint256 oldScore = b.auctionScore;
        uint256 oldPrice = b.bidPrice;
        uint256 vcPrice = _dailyVcPrice(newDiscountRate);
        uint256 price = _bidPrice(vcPrice, newTimeInDays);
        uint256 score = _score(vcPrice, newTimeInDays, BID_REPUTATION);

        _dv4Tree.remove(bidId, oldScore);
        _dv4Tree.insert(bidId, score);
        b.auctionScore = score;
        b.bidPrice = price;
        b.vcNumber = newTimeInDays;
        b.discountRate = newDiscountRate;
        // A seat may change when the bid now beats the last seat, or held one before.
        bool mayChangeSeats = score > _dv4Latest.lastestWinningScore || oldScore >= _dv4Latest.lastestWinningScore;
        if (mayChangeSeats && dv4AuctionNumNodeOps >= CLUSTER_SIZE_4) _formVirtualCluster();

        if (price > oldPrice) {
            _takePayment(msg.value, price - oldPrice);
        } else {
            if (msg.value > 0) _send(msg.sender, msg.value);
            escrow.refund(msg.sender, oldPrice - price);
        }
        emit BidUpdated(msg.sender, bidId, newDiscountRate, newTimeInDays, price, score);
    }

    function withdrawBid(bytes32 bidId) external {
        BidDetails memory b = _bids[bidId];
        if (b.nodeOp != msg.sender) revert SenderNotBidder();
        _dropBid(bidId, b.auctionScore, b.bidPrice, msg.sender, b.auctionType);
        emit BidWithdrawn(msg.sender, bidId);
    }

    // ------------------------------------------------------------ owner

    function whitelistNodeOps(address[] calldata nodeOpAddrs) external onlyOwner {
        for (uint256 i = 0; i < nodeOpAddrs.length; i++) {
            NodeOpGlobalDetails storage op = _nodeOps[nodeOpAddrs[i]];
            // Bonds paid before whitelisting go back; reputationScore is left as it is (0).
            if (op.numBonds > 0) escrow.refund(nodeOpAddrs[i], op.numBonds * BOND);
            op.numBonds = 0;
            op.isWhitelisted = true;
        }
    }

    function removeNodeOpFromWhitelist(address[] calldata nodeOpAddrs) external onlyOwner {
        for (uint256 i = 0; i < nodeOpAddrs.length; i++) {
            NodeOpGlobalDetails storage op = _nodeOps[nodeOpAddrs[i]];
            if (op.numBidsCluster4 + op.numBidsCluster7 > 0) revert NodeOpHasPendingBids();
            op.isWhitelisted = false;
        }
    }

    /// Byzantine's way out for a bid whose operator cheated or lost its keys: refunded, then gone.
    function removeBid(bytes32 bidId, uint256 auctionScore, address nodeOp, AuctionType auctionType) external onlyOwner {
        _dropBid(bidId, auctionScore, _bids[bidId].bidPrice, nodeOp, auctionType);
        emit BidRemoved(nodeOp, bidId);
    }

    function updateExpectedDailyReturnWei(uint256 value) external onlyOwner {
        expectedDailyReturnWei = value;
    }

    function updateMinDuration(uint32 value) external onlyOwner {
        minDuration = value;
    }

    function updateMaxDiscountRate(uint16 value) external onlyOwner {
        maxDiscountRate = value;
    }

    // ------------------------------------------------------------ views

    function isWhitelisted(address nodeOpAddr) public view returns (bool) {
        return _nodeOps[nodeOpAddr].isWhitelisted;
    }

    function getNodeOpDetails(address nodeOpAddr) external view returns (NodeOpGlobalDetails memory) {
        return _nodeOps[nodeOpAddr];
    }

    /// Virtual clusters waiting in the main auction (at most one per sub-auction).
    function getNumDVInAuction() external view returns (uint256) {
        return _mainTree.count();
    }

    function getNumBids(AuctionType auctionType) public view returns (uint256) {
        if (auctionType != AuctionType.JOIN_CLUSTER_4) revert InvalidAuctionType();
        return _dv4Tree.count();
    }

    function getBidDetails(bytes32 bidId) external view returns (BidDetails memory) {
        return _bids[bidId];
    }

    function getClusterDetails(bytes32 clusterId) external view returns (ClusterDetails memory) {
        return _clusters[clusterId];
    }

    /// The virtual cluster with the best average score, (0, 0) when none waits.
    function getWinningCluster() public view returns (bytes32 clusterId, uint256 averageScore) {
        averageScore = _mainTree.last();
        if (averageScore != 0) clusterId = _mainTree.idAt(averageScore, 0);
    }

    /// Best first. As in Byzantine's contract, the score of an entry after a group of equal scores
    /// is the score `i` groups down rather than its own (ids and order are right): read scores
    /// with getBidDetails.
    function getBidRanking(uint256 numBids, AuctionType auctionType) external view returns (BSTNode[] memory nodes) {
        require(numBids > 0, "Number of bids must be greater than 0");
        require(numBids <= getNumBids(auctionType), "Number of bids too high");
        nodes = new BSTNode[](numBids);
        uint256 filled = _fillGroup(nodes, 0, _dv4Tree.last());
        if (filled == numBids) return nodes;
        for (uint256 i = filled; i < numBids; i++) {
            // The group's score is written at index i, which earlier groups may already have filled.
            nodes[i].auctionScore = _dv4Tree.prev(nodes[i - 1].auctionScore);
            filled = _fillGroup(nodes, filled, nodes[i].auctionScore);
            if (filled == numBids) return nodes;
        }
    }

    // ------------------------------------------------------------ internals

    /// Writes the ids holding `score` from `start` on, while room is left; returns the new fill.
    function _fillGroup(BSTNode[] memory nodes, uint256 start, uint256 score) private view returns (uint256 filled) {
        filled = start;
        uint256 n = _dv4Tree.idCount(score);
        for (uint256 j = 0; j < n && filled < nodes.length; j++) {
            nodes[filled] = BSTNode(score, _dv4Tree.idAt(score, j));
            filled++;
        }
    }

    function _checkTerms(uint16 discountRate, uint32 timeInDays) private view {
        if (discountRate > maxDiscountRate) revert DiscountRateTooHigh();
        if (timeInDays < minDuration) revert DurationTooShort();
    }

    function _dailyVcPrice(uint16 discountRate) private view returns (uint256) {
        return expectedDailyReturnWei * (BASIS - discountRate) / (uint256(CLUSTER_SIZE_4) * BASIS);
    }

    function _bidPrice(uint256 vcPrice, uint32 timeInDays) private pure returns (uint256) {
        return timeInDays * vcPrice;
    }

    /// vcPrice x 1.0001^days (RAY power brought to WAD) x reputation / 1e18. Mirrored by lib/auction/math.ts.
    function _score(uint256 vcPrice, uint32 timeInDays, uint32 reputation) private pure returns (uint256) {
        uint256 growthWad = _rpow(DAILY_GROWTH_RAY, timeInDays) / 1e9;
        return vcPrice * growthWad * reputation / WAD;
    }

    /// x^n in RAY by squaring, each product rounded half up (DSMath's rpow).
    function _rpow(uint256 x, uint256 n) private pure returns (uint256 z) {
        z = n % 2 != 0 ? x : RAY;
        for (n /= 2; n != 0; n /= 2) {
            x = (x * x + RAY / 2) / RAY;
            if (n % 2 != 0) z = (z * x + RAY / 2) / RAY;
        }
    }

    /// Picks the four seats from the top of the sub-auction, one per operator, and puts them in the
    /// main auction as one virtual cluster in place of the previous one.
    function _formVirtualCluster() private {
        NodeDetails[] memory seats = new NodeDetails[](CLUSTER_SIZE_4);
        uint256[] memory seatScores = new uint256[](CLUSTER_SIZE_4);
        address[] memory seated = new address[](CLUSTER_SIZE_4);
        uint256 taken;
        uint256 score;
        while (taken < CLUSTER_SIZE_4) {
            score = taken == 0 && score == 0 ? _dv4Tree.last() : _dv4Tree.prev(score);
            seatScores[taken] = score;
            uint256 n = _dv4Tree.idCount(score);
            for (uint256 i = 0; i < n && taken < CLUSTER_SIZE_4; i++) {
                bytes32 id = _dv4Tree.idAt(score, i);
                address op = _bids[id].nodeOp;
                bool already;
                for (uint256 j = 0; j < taken; j++) {
                    if (seated[j] == op) {
                        already = true;
                        break;
                    }
                }
                if (already) continue;
                seated[taken] = op;
                seats[taken] = NodeDetails(id, _bids[id].vcNumber);
                // Byzantine's rule: a seat found past the group's first id takes the score
                // recorded for the seat before it (the same score unless that id was skipped).
                if (i > 0) seatScores[taken] = seatScores[taken - 1];
                taken++;
            }
        }

        uint256 sum;
        for (uint256 i = 0; i < CLUSTER_SIZE_4; i++) sum += seatScores[i];
        uint256 average = sum / CLUSTER_SIZE_4;
        bytes32 clusterId = keccak256(abi.encodePacked(block.timestamp, average, seated));

        bytes32 previous = _dv4Latest.latestWinningClusterId;
        if (previous != bytes32(0)) {
            _mainTree.remove(previous, _clusters[previous].averageAuctionScore);
            delete _clusters[previous];
        }
        _mainTree.insert(clusterId, average);
        ClusterDetails storage cluster = _clusters[clusterId];
        cluster.averageAuctionScore = average;
        for (uint256 i = 0; i < CLUSTER_SIZE_4; i++) cluster.nodes.push(seats[i]);
        _dv4Latest.lastestWinningScore = seatScores[CLUSTER_SIZE_4 - 1];
        _dv4Latest.latestWinningClusterId = clusterId;
    }

    /// The winners leave the sub-auction (their escrow goes to staker rewards) and the next
    /// virtual cluster forms if four operators are still bidding.
    function _seatWinners(NodeDetails[] memory nodes, bytes32 clusterId) private {
        // A virtual cluster left behind by withdrawn bids names deleted bids, whose type is NULL.
        if (_bids[nodes[0].bidId].auctionType != AuctionType.JOIN_CLUSTER_4) revert InvalidAuctionType();
        _dv4Latest.lastestWinningScore = 0;
        _dv4Latest.latestWinningClusterId = bytes32(0);
        for (uint256 i = 0; i < nodes.length; i++) {
            BidDetails storage b = _bids[nodes[i].bidId];
            address op = b.nodeOp;
            escrow.releaseFunds(b.bidPrice);
            _dv4Tree.remove(nodes[i].bidId, b.auctionScore);
            _nodeOps[op].numBidsCluster4 -= 1;
            if (_nodeOps[op].numBidsCluster4 == 0) dv4AuctionNumNodeOps -= 1;
            emit WinnerJoinedCluster(op, clusterId, nodes[i].bidId);
        }
        if (dv4AuctionNumNodeOps >= CLUSTER_SIZE_4) _formVirtualCluster();
    }

    function _dropBid(bytes32 bidId, uint256 score, uint256 price, address nodeOp, AuctionType auctionType) private {
        if (auctionType != AuctionType.JOIN_CLUSTER_4) revert InvalidAuctionType();
        NodeOpGlobalDetails storage op = _nodeOps[nodeOp];
        op.numBidsCluster4 -= 1;
        if (op.numBidsCluster4 == 0) dv4AuctionNumNodeOps -= 1;
        _dv4Tree.remove(bidId, score);
        delete _bids[bidId];
        if (score >= _dv4Latest.lastestWinningScore && dv4AuctionNumNodeOps >= CLUSTER_SIZE_4) _formVirtualCluster();

        if (isWhitelisted(nodeOp)) {
            escrow.refund(nodeOp, price);
        } else if (op.numBonds > 0) {
            op.numBonds -= 1;
            escrow.refund(nodeOp, price + BOND);
        } else {
            escrow.refund(nodeOp, price);
        }
    }

    /// Checks the ether sent covers `price`, returns any excess and escrows the price.
    function _takePayment(uint256 sent, uint256 price) private {
        if (sent < price) revert NotEnoughEtherSent();
        if (sent > price) _send(msg.sender, sent - price);
        (bool ok, ) = address(escrow).call{value: price}("");
        if (!ok) revert EscrowTransferFailed();
    }

    function _send(address to, uint256 amount) private {
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert RefundFailed();
    }
}
