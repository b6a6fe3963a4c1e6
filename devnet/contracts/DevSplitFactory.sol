// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DevSplit} from "./DevSplit.sol";

/// @notice Stand-in for 0xSplits' PushSplitFactory: `createSplit` with the same parameters
/// deploys one split per call.
contract DevSplitFactory {
    struct Split {
        address[] recipients;
        uint256[] allocations;
        uint256 totalAllocation;
        uint16 distributionIncentive;
    }

    event SplitCreated(address indexed split, address owner, address creator);

    function createSplit(Split calldata splitParams, address owner, address creator) external returns (address split) {
        split = address(new DevSplit(splitParams.recipients, splitParams.allocations, splitParams.totalAllocation, splitParams.distributionIncentive, owner));
        emit SplitCreated(split, owner, creator);
    }
}
