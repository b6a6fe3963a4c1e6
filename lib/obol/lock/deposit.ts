// Deposit-contract data: withdrawal credentials, DepositMessage / DepositData roots and the
// deposit signing root (DOMAIN_DEPOSIT, genesis fork version, zero genesis validators root).
import { bytesToHex, hexToBytes, type Hex } from "viem";
import type { Definition } from "@/lib/obol/schema";
import { depositDataType, depositMessageType } from "@/lib/obol/ssz/format";
import { isCompounding, obolVersion } from "@/lib/obol/versions";
import { computeDomain, computeSigningRoot } from "./signing";

const DOMAIN_DEPOSIT = new Uint8Array([0x03, 0x00, 0x00, 0x00]);

export type DecodedWithdrawalCredentials = {
  /** "invalid": an address-type prefix whose 11 padding bytes are not zero, or an unknown prefix. */
  type: "0x00" | "0x01" | "0x02" | "invalid";
  /** Lowercase execution address for 0x01 / 0x02; null for BLS (0x00) or invalid credentials. */
  address: string | null;
};

type DepositMessage = {
  pubkey: Uint8Array;
  withdrawalCredentials: Uint8Array;
  amountGwei: bigint;
};
export type DepositData = DepositMessage & { signature: Uint8Array };

/** 0x01 (execution address) or 0x02 (EIP-7251 compounding) credentials: prefix, 11 zero bytes, address. */
export function withdrawalCredentials(address: Hex, type: "0x01" | "0x02"): Uint8Array {
  const addr = hexToBytes(address);
  if (addr.length !== 20) throw new Error(`withdrawal address must be 20 bytes, got ${addr.length}`);
  const creds = new Uint8Array(32);
  creds[0] = type === "0x01" ? 0x01 : 0x02;
  creds.set(addr, 12);
  return creds;
}

export function decodeWithdrawalCredentials(creds: Uint8Array): DecodedWithdrawalCredentials {
  if (creds.length !== 32) return { type: "invalid", address: null };
  if (creds[0] === 0x00) return { type: "0x00", address: null };
  if ((creds[0] === 0x01 || creds[0] === 0x02) && creds.subarray(1, 12).every((b) => b === 0)) {
    return { type: creds[0] === 0x01 ? "0x01" : "0x02", address: bytesToHex(creds.subarray(12)) };
  }
  return { type: "invalid", address: null };
}

export function depositMessageRoot(msg: DepositMessage): Uint8Array {
  return depositMessageType.hashTreeRoot({
    pubkey: msg.pubkey,
    withdrawal_credentials: msg.withdrawalCredentials,
    amount: msg.amountGwei,
  });
}

/** The `deposit_data_root` argument of the deposit contract's `deposit()` call. */
export function depositDataRoot(data: DepositData): Uint8Array {
  return depositDataType.hashTreeRoot({
    pubkey: data.pubkey,
    withdrawal_credentials: data.withdrawalCredentials,
    amount: data.amountGwei,
    signature: data.signature,
  });
}

/** Deposits are fork-agnostic: the domain always uses the network's genesis fork version. */
function depositDomain(genesisForkVersion: Uint8Array): Uint8Array {
  return computeDomain(DOMAIN_DEPOSIT, genesisForkVersion);
}

export function depositSigningRoot(msg: DepositMessage, genesisForkVersion: Uint8Array): Uint8Array {
  return computeSigningRoot(depositMessageRoot(msg), depositDomain(genesisForkVersion));
}

const GWEI_PER_ETH = 1_000_000_000n;

/**
 * Deposit amounts in Gwei, as charon's DKG picks them: one 32 ETH deposit before v1.8; from v1.8
 * the definition's deposit_amounts deduplicated and ascending, else deposit.DefaultDepositAmounts
 * ([1, 32] ETH, or [1, 8, 32, 256] ETH for a compounding cluster).
 */
export function depositAmountsGwei(def: Definition): bigint[] {
  if (!obolVersion(def.version).lock.partialDeposits) return [32n * GWEI_PER_ETH];
  const given = [...new Set((def.deposit_amounts ?? []).map((a) => BigInt(a)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (given.length > 0) return given;
  return (isCompounding(def) ? [1n, 8n, 32n, 256n] : [1n, 32n]).map((eth) => eth * GWEI_PER_ETH);
}
