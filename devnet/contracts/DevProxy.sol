// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice An ERC-1967 transparent proxy, as Byzantine deploys its auction behind: the
/// implementation and admin live in the standard slots; the admin may only upgrade, everyone
/// else is forwarded to the implementation.
contract DevProxy {
    event Upgraded(address indexed implementation);
    event AdminChanged(address previousAdmin, address newAdmin);

    error ProxyDeniedAdminAccess();
    error ERC1967InvalidImplementation(address implementation);

    /// bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)
    bytes32 private constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    /// bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1)
    bytes32 private constant ADMIN_SLOT = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;

    constructor(address implementation, address admin, bytes memory data) payable {
        _upgrade(implementation, data);
        assembly { sstore(ADMIN_SLOT, admin) }
        emit AdminChanged(address(0), admin);
    }

    fallback() external payable {
        address admin;
        assembly { admin := sload(ADMIN_SLOT) }
        if (msg.sender == admin) {
            if (msg.sig != this.upgradeToAndCall.selector) revert ProxyDeniedAdminAccess();
            (address implementation, bytes memory data) = abi.decode(msg.data[4:], (address, bytes));
            _upgrade(implementation, data);
            return;
        }
        assembly {
            let implementation := sload(IMPLEMENTATION_SLOT)
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), implementation, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 { revert(0, returndatasize()) }
            default { return(0, returndatasize()) }
        }
    }

    /// Declared for its selector only: the admin's call is handled in the fallback.
    function upgradeToAndCall(address, bytes calldata) external payable {
        revert ProxyDeniedAdminAccess();
    }

    function _upgrade(address implementation, bytes memory data) private {
        if (implementation.code.length == 0) revert ERC1967InvalidImplementation(implementation);
        assembly { sstore(IMPLEMENTATION_SLOT, implementation) }
        emit Upgraded(implementation);
        if (data.length > 0) {
            (bool ok, bytes memory reason) = implementation.delegatecall(data);
            if (!ok) assembly { revert(add(reason, 32), mload(reason)) }
        }
    }
}
