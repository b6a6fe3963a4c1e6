// What lib/obol/verify answers, and the list of its checks, apart from the checks themselves so
// the verify page can count them without loading the hashing and curve code.
import type { Hex } from "viem";
import type { LockBlsResult } from "@/lib/obol/lock/bls";

export type SignatureCheck = boolean | null;

export interface HashCheck {
  expected: Hex;
  computed: Hex | null;
  ok: boolean;
  /** Why the hash could not be computed (charon would refuse the file). */
  error?: string;
}

export type EnrCheck = { ok: true; publicKey: Hex } | { ok: false; reason: string } | null;

interface ValidatorBlsSummary {
  public_shares: SignatureCheck;
  deposit_data: SignatureCheck;
  builder_registration: SignatureCheck;
}

export interface VerifyResult {
  kind: "definition" | "lock";
  version: string;
  config_hash: HashCheck;
  definition_hash: HashCheck;
  lock_hash: HashCheck | null;
  creator_signature: SignatureCheck;
  operator_config_signatures: SignatureCheck[];
  enr_signatures: SignatureCheck[];
  /** null for definitions and for lock versions without node signatures (v1.6, see lib/obol/versions). */
  node_signatures: SignatureCheck[] | null;
  signature_aggregate: SignatureCheck;
  enrs: EnrCheck[];
  validators: ValidatorBlsSummary[] | null;
  /** Full BLS details from lib/obol/lock/bls (locks only). */
  bls: LockBlsResult | null;
  /** Whole-file rules charon enforces beyond single checks, as sentences. */
  problems: string[];
  /** Every signature the format asks for is present (a definition ready for the DKG). */
  complete: boolean;
  /** No check is false and there is no problem. */
  ok: boolean;
}

/** Every check's outcome, in display order: each hash, each signature, each validator's BLS checks. */
export function checkOutcomes(r: Omit<VerifyResult, "ok">): SignatureCheck[] {
  return [
    r.config_hash.ok,
    r.definition_hash.ok,
    ...(r.lock_hash ? [r.lock_hash.ok] : []),
    r.creator_signature,
    ...r.operator_config_signatures,
    ...r.enr_signatures,
    ...(r.node_signatures ?? []),
    // A definition has no aggregate: not a check that is absent.
    ...(r.kind === "lock" ? [r.signature_aggregate] : []),
    ...(r.validators ?? []).flatMap((v) => [v.public_shares, v.deposit_data, v.builder_registration]),
  ];
}
