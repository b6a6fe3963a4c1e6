// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Auction} from "./Auction.sol";
import {DevEigenPod} from "./DevEigenPod.sol";

/// @notice The devnet's strategy vault manager: creates clusters when stakers would deposit,
/// and lets its admin do what Byzantine's vault admin does on-chain (pubkey, status).
contract DevVault {
    error OnlyAdmin();

    Auction public immutable auction;
    address public admin;
    /// Set only while `createCluster` runs, for the auction to read.
    address public pendingEigenPod;

    constructor(Auction auction_) {
        auction = auction_;
        admin = msg.sender;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert OnlyAdmin();
        _;
    }

    function createCluster() external onlyAdmin returns (bytes32 clusterId) {
        pendingEigenPod = address(new DevEigenPod());
        clusterId = auction.triggerAuction();
        pendingEigenPod = address(0);
    }

    function setClusterPubKey(bytes32 clusterId, bytes calldata pubkey) external onlyAdmin {
        auction.setClusterPubKey(clusterId, pubkey);
    }

    function updateClusterStatus(bytes32 clusterId, Auction.ClusterStatus status) external onlyAdmin {
        auction.updateClusterStatus(clusterId, status);
    }

    /// Winning bids are paid to the vault.
    receive() external payable {}
}
