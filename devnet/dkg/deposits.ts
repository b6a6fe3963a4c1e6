import { bytesToHex, type Hex } from "viem";
import { depositSigningRoot } from "@/lib/obol/lock/deposit";

/** One entry of a lock's deposit data, as charon writes it. */
export type DepositDataJson = { pubkey: Hex; withdrawal_credentials: Hex; amount: string; signature: Hex };

/**
 * A validator's deposit data for a lock, one entry per amount (Gwei), each signed by `sign`: the
 * threshold signature of the validator's key over the deposit's signing root.
 */
export function signedDeposits(
  pubkey: Uint8Array,
  withdrawalCredentials: Uint8Array,
  amounts: bigint[],
  forkVersion: Uint8Array,
  sign: (root: Uint8Array) => Hex,
): DepositDataJson[] {
  return amounts.map((amountGwei) => ({
    pubkey: bytesToHex(pubkey),
    withdrawal_credentials: bytesToHex(withdrawalCredentials),
    amount: amountGwei.toString(),
    signature: sign(depositSigningRoot({ pubkey, withdrawalCredentials, amountGwei }, forkVersion)),
  }));
}
