// What one charon definition/lock version is: how it hashes and what its lock carries. Each
// version file fills one of these; ./index lists them (docs/obol.md, versions).
import type { VersionFormat } from "@/lib/obol/ssz/format";

/** The lock's JSON layout and the DKG's choices for this version (charon cluster/lock.go, dkg/dkg.go). */
export interface LockLayout {
  /** Each operator signs the lock hash with its ENR key (`node_signatures`, v1.7+). */
  nodeSignatures: boolean;
  /** Each validator carries a signed builder registration (v1.7+). */
  builderRegistration: boolean;
  /** One `partial_deposit_data` entry per deposit amount instead of one `deposit_data` (v1.8+). */
  partialDeposits: boolean;
  /** The definition's `compounding` flag counts: 0x02 withdrawal credentials and larger default amounts (v1.10+). */
  compounding: boolean;
  /** Registrations use the definition's `target_gas_limit` instead of charon's default (v1.10+). */
  targetGasLimit: boolean;
}

export interface ObolVersion {
  /** As written in the definition's `version` field, e.g. "v1.10.0". */
  name: string;
  ssz: VersionFormat;
  lock: LockLayout;
}
