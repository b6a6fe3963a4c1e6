// What charon's node sends to the Obol API for exits and deposits (charon cmd/exit_sign.go,
// exit_fetch.go, exit_delete.go, depositsign.go and app/obolapi), written from its formats so the
// devnet and the tests can act as an operator's node against the portal. Pure JS (noble).
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import { fullExitAuthRoot, partialExitRequestRoot, voluntaryExitSigningRoot, type ExitBlob, type VoluntaryExit } from "@/lib/obol/exit";
import { sign } from "@/lib/obol/lock/bls-keys";
import { depositSigningRoot } from "@/lib/obol/lock/deposit";

/** charon's default --exit-epoch (cmd/exit.go): an epoch every network has passed. */
export const CHARON_DEFAULT_EXIT_EPOCH = 194048n;

/** charon k1util.Sign: 65 bytes r || s || recovery id (0 or 1) over a raw 32-byte hash. */
export function identitySign(identityKey: Uint8Array, hash: Uint8Array): Hex {
  const sig = secp256k1.sign(hash, identityKey, { prehash: false, format: "recovered" });
  return bytesToHex(Uint8Array.from([...sig.subarray(1), sig[0]]));
}

export type OperatorNode = {
  /** The node's charon identity key (.charon/charon-enr-private-key). */
  identityKey: Uint8Array;
  /** The operator's 1-based share index: its position in the lock's operators. */
  shareIndex: number;
  /** The lock's fork version, which picks the network's exit and deposit domains. */
  forkVersion: Hex;
};

/**
 * `charon exit sign`'s request body: each validator's exit signed with the operator's key share,
 * sorted by validator index, the whole signed with the identity key (PartialExitRequest).
 */
export function partialExitRequest(node: OperatorNode, exits: { validatorPubkey: Hex; secretShare: Uint8Array; exit: VoluntaryExit }[]) {
  const blobs: ExitBlob[] = [...exits]
    .sort((a, b) => (a.exit.validatorIndex < b.exit.validatorIndex ? -1 : a.exit.validatorIndex > b.exit.validatorIndex ? 1 : 0))
    .map(({ validatorPubkey, secretShare, exit }) => ({
      public_key: validatorPubkey.toLowerCase() as Hex,
      signed_exit_message: {
        message: { epoch: exit.epoch, validator_index: exit.validatorIndex },
        signature: bytesToHex(sign(secretShare, voluntaryExitSigningRoot(exit, node.forkVersion))),
      },
    }));
  return {
    partial_exits: blobs.map((b) => ({
      public_key: b.public_key,
      signed_exit_message: {
        message: { epoch: b.signed_exit_message.message.epoch.toString(), validator_index: b.signed_exit_message.message.validator_index.toString() },
        signature: b.signed_exit_message.signature,
      },
    })),
    share_idx: node.shareIndex,
    signature: identitySign(node.identityKey, partialExitRequestRoot(blobs, node.shareIndex)),
  };
}

/** `charon exit fetch|delete`'s Authorization header: the identity signature of the FullExitAuthBlob root. */
export function exitAuthorization(node: OperatorNode, lockHash: Hex, validatorPubkey: Hex): string {
  return `Bearer ${identitySign(node.identityKey, fullExitAuthRoot(lockHash, validatorPubkey.toLowerCase() as Hex, node.shareIndex))}`;
}

/** `charon deposit sign`'s request body: one partial DepositData per amount (Gwei). */
export function partialDepositRequest(node: OperatorNode, validatorPubkey: Hex, secretShare: Uint8Array, withdrawalCredentials: Hex, amountsGwei: bigint[]) {
  return {
    partial_deposit_data: amountsGwei.map((amountGwei) => ({
      pubkey: validatorPubkey.toLowerCase(),
      withdrawal_credentials: withdrawalCredentials,
      amount: amountGwei.toString(),
      signature: bytesToHex(
        sign(secretShare, depositSigningRoot({ pubkey: hexToBytes(validatorPubkey), withdrawalCredentials: hexToBytes(withdrawalCredentials), amountGwei }, hexToBytes(node.forkVersion))),
      ),
    })),
  };
}
