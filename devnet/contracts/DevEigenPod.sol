// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Stand-in for a cluster's EigenPod: the withdrawal address of its validator.
contract DevEigenPod {
    address public immutable vault;

    constructor() {
        vault = msg.sender;
    }

    receive() external payable {}
}
