// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Stand-in for a cluster's 0xSplits contract: a distinct address per cluster that
/// receives the validator's execution rewards and records who shares them.
contract DevSplit {
    address[4] public recipients;

    constructor(address[4] memory recipients_) {
        recipients = recipients_;
    }

    receive() external payable {}
}
