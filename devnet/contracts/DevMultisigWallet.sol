// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice A minimal multi-owner contract wallet (ERC-1271) for tests: a signature is valid when it
/// is `threshold` or more 65-byte ECDSA signatures of the hash by distinct owners, concatenated in
/// ascending order of their signers, as a Safe's owner signatures are.
contract DevMultisigWallet {
    bytes4 private constant MAGIC = 0x1626ba7e;
    bytes4 private constant INVALID = 0xffffffff;
    uint256 public immutable threshold;
    mapping(address => bool) public isOwner;

    constructor(address[] memory owners, uint256 threshold_) {
        require(threshold_ > 0 && threshold_ <= owners.length, "bad threshold");
        for (uint256 i = 0; i < owners.length; i++) isOwner[owners[i]] = true;
        threshold = threshold_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (signature.length == 0 || signature.length % 65 != 0 || signature.length / 65 < threshold) return INVALID;
        address previous = address(0);
        for (uint256 offset = 0; offset < signature.length; offset += 65) {
            bytes32 r = bytes32(signature[offset:offset + 32]);
            bytes32 s = bytes32(signature[offset + 32:offset + 64]);
            uint8 v = uint8(signature[offset + 64]);
            if (v < 27) v += 27;
            address signer = ecrecover(hash, v, r, s);
            // Ascending signers: each owner counts once.
            if (signer <= previous || !isOwner[signer]) return INVALID;
            previous = signer;
        }
        return MAGIC;
    }
}
