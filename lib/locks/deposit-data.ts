import { bytesToHex, hexToBytes, type Hex } from "viem";
import { depositDataRoot, depositMessageRoot } from "@/lib/obol/lock/deposit";
import type { DepositData, Lock } from "@/lib/obol/schema";
import { requireNetwork } from "@/lib/networks";

/**
 * deposit-data.json as charon writes it (eth2util/deposit MarshalDepositData): one file per
 * deposit amount, entries sorted by pubkey, hex without 0x, amount in Gwei as a number.
 */

export const GWEI_PER_ETH = 1_000_000_000n;
export const FULL_DEPOSIT_GWEI = 32n * GWEI_PER_ETH;
/** The staking-deposit-cli version charon writes, the last one the launchpad accepts. */
const DEPOSIT_CLI_VERSION = "2.7.0";

export type DepositDataEntry = {
  pubkey: string;
  withdrawal_credentials: string;
  amount: number;
  signature: string;
  deposit_message_root: string;
  deposit_data_root: string;
  fork_version: string;
  network_name: string;
  deposit_cli_version: string;
};

const bare = (hex: string) => hex.replace(/^0x/, "").toLowerCase();

/** Each validator's deposits (v1.8+ partial deposits, else the single one), in lock order. */
export function depositsOf(dv: Lock["distributed_validators"][number]): DepositData[] {
  return dv.partial_deposit_data.length > 0 ? dv.partial_deposit_data : dv.deposit_data ? [dv.deposit_data] : [];
}

/** The distinct deposit amounts of a lock in Gwei, ascending (charon: one file per amount). */
export function depositAmounts(lock: Lock): bigint[] {
  const amounts = new Set(lock.distributed_validators.flatMap((dv) => depositsOf(dv).map((d) => BigInt(d.amount))));
  return [...amounts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** charon's file name: deposit-data.json for 32 ETH (backward compatible), deposit-data-{n}eth.json otherwise. */
export function depositFileName(amountGwei: bigint): string {
  if (amountGwei === FULL_DEPOSIT_GWEI) return "deposit-data.json";
  const eth = Number(amountGwei) / Number(GWEI_PER_ETH);
  return `deposit-data-${eth}eth.json`;
}

/** The deposit roots of one deposit, as the deposit contract and the launchpad check them. */
export function depositRoots(d: DepositData): { depositMessageRoot: Hex; depositDataRoot: Hex } {
  const msg = { pubkey: hexToBytes(d.pubkey as Hex), withdrawalCredentials: hexToBytes(d.withdrawal_credentials as Hex), amountGwei: BigInt(d.amount) };
  return {
    depositMessageRoot: bytesToHex(depositMessageRoot(msg)),
    depositDataRoot: bytesToHex(depositDataRoot({ ...msg, signature: hexToBytes(d.signature as Hex) })),
  };
}

/** The entries of the deposit-data file for `amountGwei`; empty when the lock has no such deposit. */
export function depositDataFile(lock: Lock, amountGwei: bigint): DepositDataEntry[] {
  const forkVersion = lock.cluster_definition.fork_version.toLowerCase();
  const networkName = requireNetwork(forkVersion).name;
  return lock.distributed_validators
    .flatMap((dv) => depositsOf(dv).filter((d) => BigInt(d.amount) === amountGwei))
    .map((d) => {
      const roots = depositRoots(d);
      return {
        pubkey: bare(d.pubkey),
        withdrawal_credentials: bare(d.withdrawal_credentials),
        amount: Number(d.amount),
        signature: bare(d.signature),
        deposit_message_root: bare(roots.depositMessageRoot),
        deposit_data_root: bare(roots.depositDataRoot),
        fork_version: bare(forkVersion),
        network_name: networkName,
        deposit_cli_version: DEPOSIT_CLI_VERSION,
      };
    })
    .sort((a, b) => (a.pubkey < b.pubkey ? -1 : a.pubkey > b.pubkey ? 1 : 0));
}

/** The file's text: Go's json.MarshalIndent(list, "", " ") layout. */
export const depositDataText = (entries: DepositDataEntry[]): string => JSON.stringify(entries, null, 1);
