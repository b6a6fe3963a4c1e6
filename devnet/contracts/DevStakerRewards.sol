// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IVcAuction {
    function updateNodeVCNumber(bytes32 clusterId, uint32 consumedVCs) external;
}

/// @notice The devnet's staker rewards: receives winners' payments, and lets its admin spend a
/// cluster's validation credits as Byzantine's rewards contract does (a node out of credits
/// ends the cluster: EXITED).
contract DevStakerRewards {
    error OnlyAdmin();

    IVcAuction public immutable auction;
    address public immutable admin;

    constructor(IVcAuction auction_, address admin_) {
        auction = auction_;
        admin = admin_;
    }

    function consumeVCs(bytes32 clusterId, uint32 consumedVCs) external {
        if (msg.sender != admin) revert OnlyAdmin();
        auction.updateNodeVCNumber(clusterId, consumedVCs);
    }

    receive() external payable {}
}
