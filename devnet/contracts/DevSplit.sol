// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Stand-in for a cluster's 0xSplits push split: a distinct address per cluster that
/// receives the validator's execution rewards and records who shares them, and how.
contract DevSplit {
    address[] public recipients;
    uint256[] public allocations;
    uint256 public immutable totalAllocation;
    uint16 public immutable distributionIncentive;
    address public immutable owner;

    constructor(address[] memory recipients_, uint256[] memory allocations_, uint256 totalAllocation_, uint16 distributionIncentive_, address owner_) {
        recipients = recipients_;
        allocations = allocations_;
        totalAllocation = totalAllocation_;
        distributionIncentive = distributionIncentive_;
        owner = owner_;
    }

    receive() external payable {}
}
