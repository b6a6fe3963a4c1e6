// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The devnet's escrow, as Byzantine's behaves for the auction: it holds bid payments,
/// refunds operators and releases a winner's payment to the staker rewards, only when the
/// auction asks.
contract DevEscrow {
    event FundsLocked(uint256 _amount);

    error OnlyAuction();
    error InsufficientFundsInEscrow();
    error FailedToSendEther();

    address public immutable auction;
    address public immutable stakerRewards;

    constructor(address auction_, address stakerRewards_) {
        auction = auction_;
        stakerRewards = stakerRewards_;
    }

    modifier onlyAuction() {
        if (msg.sender != auction) revert OnlyAuction();
        _;
    }

    receive() external payable {
        emit FundsLocked(msg.value);
    }

    function releaseFunds(uint256 bidPrice) external onlyAuction {
        _send(stakerRewards, bidPrice);
    }

    function refund(address nodeOpAddr, uint256 amountToRefund) external onlyAuction {
        _send(nodeOpAddr, amountToRefund);
    }

    function _send(address to, uint256 amount) private {
        if (address(this).balance < amount) revert InsufficientFundsInEscrow();
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert FailedToSendEther();
    }
}
