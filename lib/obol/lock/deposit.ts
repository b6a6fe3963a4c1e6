// Deposit-contract data: withdrawal credentials, DepositMessage / DepositData roots and the
// deposit signing root (DOMAIN_DEPOSIT, genesis fork version, zero genesis validators root).
import { ByteVectorType, ContainerType, UintBigintType } from "@chainsafe/ssz";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import { z } from "zod";
import { computeDomain, computeSigningRoot } from "./signing";

const DOMAIN_DEPOSIT = new Uint8Array([0x03, 0x00, 0x00, 0x00]);

/** "invalid": an address-type prefix whose 11 padding bytes are not zero, or an unknown prefix. */
export const WithdrawalCredentialsTypeSchema = z.enum(["0x00", "0x01", "0x02", "invalid"]);

export const DecodedWithdrawalCredentialsSchema = z.object({
  type: WithdrawalCredentialsTypeSchema,
  /** Lowercase execution address for 0x01 / 0x02; null for BLS (0x00) or invalid credentials. */
  address: z.string().nullable(),
});
type DecodedWithdrawalCredentials = z.infer<typeof DecodedWithdrawalCredentialsSchema>;

type DepositMessage = {
  pubkey: Uint8Array;
  withdrawalCredentials: Uint8Array;
  amountGwei: bigint;
};
export type DepositData = DepositMessage & { signature: Uint8Array };

const DepositMessageType = new ContainerType({
  pubkey: new ByteVectorType(48),
  withdrawalCredentials: new ByteVectorType(32),
  amount: new UintBigintType(8),
});

const DepositDataType = new ContainerType({
  pubkey: new ByteVectorType(48),
  withdrawalCredentials: new ByteVectorType(32),
  amount: new UintBigintType(8),
  signature: new ByteVectorType(96),
});

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
  return DepositMessageType.hashTreeRoot({
    pubkey: msg.pubkey,
    withdrawalCredentials: msg.withdrawalCredentials,
    amount: msg.amountGwei,
  });
}

/** The `deposit_data_root` argument of the deposit contract's `deposit()` call. */
export function depositDataRoot(data: DepositData): Uint8Array {
  return DepositDataType.hashTreeRoot({
    pubkey: data.pubkey,
    withdrawalCredentials: data.withdrawalCredentials,
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
