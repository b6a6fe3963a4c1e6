// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAuction} from "./IAuction.sol";
import {DevEigenPod} from "./DevEigenPod.sol";

interface IClusterAuction {
    function triggerAuction() external returns (bytes32);
    function setClusterPubKey(bytes32 clusterId, bytes calldata clusterPubkey) external;
    function updateClusterStatus(bytes32 clusterId, IAuction.ClusterStatus newStatus) external;
}

/// @notice A strategy vault as Byzantine's StrategyVaultETH drives the auction: each 32 ETH
/// deposited runs one auction, every cluster it creates shares the vault's EigenPod, and its
/// beacon-chain admin activates (DEPOSITED + public key) and verifies (VERIFIED) them.
contract DevStrategyVault {
    error OnlyBeaconChainAdmin();
    error CanOnlyDepositMultipleOf32ETH();
    error ClusterNotInVault();

    IClusterAuction public immutable auction;
    address public immutable beaconChainAdmin;
    address public immutable eigenPod;
    bytes32[] private _clusterIds;
    mapping(bytes32 => bool) public hasCluster;

    constructor(IClusterAuction auction_, address beaconChainAdmin_) {
        auction = auction_;
        beaconChainAdmin = beaconChainAdmin_;
        eigenPod = address(new DevEigenPod());
    }

    modifier onlyBeaconChainAdmin() {
        if (msg.sender != beaconChainAdmin) revert OnlyBeaconChainAdmin();
        _;
    }

    modifier inVault(bytes32 clusterId) {
        if (!hasCluster[clusterId]) revert ClusterNotInVault();
        _;
    }

    /// A staker's deposit: one auction per 32 ETH, the ETH kept for the validators.
    function deposit() external payable {
        if (msg.value % 32 ether != 0) revert CanOnlyDepositMultipleOf32ETH();
        for (uint256 i = 0; i < msg.value / 32 ether; i++) {
            bytes32 clusterId = auction.triggerAuction();
            _clusterIds.push(clusterId);
            hasCluster[clusterId] = true;
        }
    }

    function getAllDVIds() external view returns (bytes32[] memory) {
        return _clusterIds;
    }

    /// What Byzantine's vault does once the DKG produced the key: stake, DEPOSITED, key recorded.
    function activateCluster(bytes calldata pubkey, bytes32 clusterId) external onlyBeaconChainAdmin inVault(clusterId) {
        auction.updateClusterStatus(clusterId, IAuction.ClusterStatus.DEPOSITED);
        auction.setClusterPubKey(clusterId, pubkey);
    }

    /// What the vault does once the withdrawal credentials are proven: VERIFIED.
    function verifyWithdrawalCredentials(bytes32 clusterId) external onlyBeaconChainAdmin inVault(clusterId) {
        auction.updateClusterStatus(clusterId, IAuction.ClusterStatus.VERIFIED);
    }

    /// Devnet only: any status, so the portal can be shown every one (INACTIVE has no other path).
    function setClusterStatus(bytes32 clusterId, IAuction.ClusterStatus status) external onlyBeaconChainAdmin inVault(clusterId) {
        auction.updateClusterStatus(clusterId, status);
    }
}
