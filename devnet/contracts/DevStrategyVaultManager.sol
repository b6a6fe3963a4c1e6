// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DevStrategyVault, IClusterAuction} from "./DevStrategyVault.sol";

/// @notice The devnet's strategy vault manager: creates vaults (each with its EigenPod) and
/// answers the auction's two questions about them, as Byzantine's StrategyVaultManager does.
contract DevStrategyVaultManager {
    event StratVaultETHCreated(address indexed vault, address eigenPod);

    IClusterAuction public immutable auction;
    address public immutable beaconChainAdmin;
    mapping(address => bool) public isStratVaultETH;
    address[] private _vaults;

    constructor(IClusterAuction auction_, address beaconChainAdmin_) {
        auction = auction_;
        beaconChainAdmin = beaconChainAdmin_;
    }

    /// A new vault; ETH sent with the call is deposited into it (one auction per 32 ETH).
    function createStratVaultAndStakeNativeETH() external payable returns (address vault) {
        DevStrategyVault created = new DevStrategyVault(auction, beaconChainAdmin);
        vault = address(created);
        isStratVaultETH[vault] = true;
        _vaults.push(vault);
        emit StratVaultETHCreated(vault, created.eigenPod());
        if (msg.value > 0) created.deposit{value: msg.value}();
    }

    function getPodByStratVaultAddr(address vault) external view returns (address) {
        return isStratVaultETH[vault] ? DevStrategyVault(vault).eigenPod() : address(0);
    }

    function getAllStratVaultETHs() external view returns (address[] memory) {
        return _vaults;
    }
}
