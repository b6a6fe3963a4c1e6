import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes, getAddress, hexToBytes, isAddressEqual, type Address, type Hex } from "viem";
import { decodeWithdrawalCredentials } from "@/lib/obol/lock/deposit";
import { lockSchema } from "@/lib/obol/schema";
import type { BeaconLookup, BeaconValidator } from "./beacon";
import { depositAmounts, depositFileName, depositRoots, depositsOf, FULL_DEPOSIT_GWEI } from "./deposit-data";
import type { StoredLock } from "./storage";

/**
 * The cluster page's validators (docs/obol.md, synchronization steps 4-5), from the stored lock and the chain:
 * keys and shares, deposits checked against the cluster's EigenPod, the on-chain pubkey hash
 * check and, when a beacon node is configured, each validator's state. JSON-safe throughout.
 */

/** The auction's `clusterPubKeyHash`: sha256(abi.encodePacked(bytes pubkey, bytes16(0))). */
export function clusterPubKeyHash(pubkey: Hex): Hex {
  return bytesToHex(sha256(concatBytes([hexToBytes(pubkey), new Uint8Array(16)])));
}

export type OnChainCheck = "registered" | "mismatch" | "not-set";

/** Whether the chain's pubkey hash is this validator's: set and equal, set and different, or unset. */
export function onChainCheck(pubkey: Hex, onChainHash: Hex | null): OnChainCheck {
  if (!onChainHash) return "not-set";
  return clusterPubKeyHash(pubkey) === onChainHash.toLowerCase() ? "registered" : "mismatch";
}

export type BeaconState = BeaconValidator | { kind: "not-configured" };

export type ValidatorsContext = {
  /** The cluster's EigenPod: every deposit must withdraw to it. */
  eigenPod: Address;
  /** The auction's clusterPubKeyHash, null while unset. */
  clusterPubKeyHash: Hex | null;
  /** null when no beacon node is configured. */
  beacon: BeaconLookup | null;
};

export async function validatorsView(stored: StoredLock, ctx: ValidatorsContext) {
  const lock = lockSchema.parse(stored.body);
  const operators = lock.cluster_definition.operators.map((o) => getAddress(o.address));
  const validators = await Promise.all(
    lock.distributed_validators.map(async (dv, index) => {
      const pubkey = dv.distributed_public_key.toLowerCase() as Hex;
      const beacon: BeaconState = ctx.beacon ? await ctx.beacon(pubkey) : { kind: "not-configured" };
      return {
        index,
        pubkey,
        onChain: onChainCheck(pubkey, ctx.clusterPubKeyHash),
        shares: dv.public_shares.map((share, i) => ({ operator: operators[i] ?? null, publicShare: share.toLowerCase() as Hex })),
        deposits: depositsOf(dv).map((d) => {
          const credentials = decodeWithdrawalCredentials(hexToBytes(d.withdrawal_credentials as Hex));
          const withdrawalAddress = credentials.address ? getAddress(credentials.address) : null;
          return {
            amountGwei: BigInt(d.amount).toString(),
            /** The deposit that makes the validator whole (charon's default pair is 1 ETH + 32 ETH). */
            full: BigInt(d.amount) === FULL_DEPOSIT_GWEI,
            withdrawalCredentials: d.withdrawal_credentials.toLowerCase() as Hex,
            credentialsType: credentials.type,
            withdrawalAddress,
            toEigenPod: withdrawalAddress !== null && isAddressEqual(withdrawalAddress, ctx.eigenPod),
            signature: d.signature.toLowerCase() as Hex,
            ...depositRoots(d),
          };
        }),
        beacon,
      };
    }),
  );
  return {
    lockHash: stored.lockHash,
    receivedAt: stored.receivedAt.toISOString(),
    postedVia: stored.postedVia,
    /** One download per deposit amount, named as charon names the files. */
    depositFiles: depositAmounts(lock).map((amountGwei) => ({ amountGwei: amountGwei.toString(), fileName: depositFileName(amountGwei) })),
    validators,
  };
}

export type ValidatorsView = Awaited<ReturnType<typeof validatorsView>>;
export type ValidatorView = ValidatorsView["validators"][number];
