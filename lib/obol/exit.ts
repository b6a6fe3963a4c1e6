// charon's exit and deposit coordination formats (app/obolapi exit_model.go, deposit_model.go) and
// the roots they sign: the identity (ENR key) signatures over SSZ roots of the requests, and the
// BLS signing roots of a voluntary exit (EIP-7044 domain) and of a deposit. docs/obol.md §Exits and
// deposits.
import { ContainerType, ListCompositeType } from "@chainsafe/ssz";
import { hexToBytes, type Hex } from "viem";
import { z } from "zod";
import { MAX_VALIDATORS } from "@/lib/obol/schema";
import { requireNetwork } from "@/lib/networks";
import { bytes32, bytes48, bytes96, uint64Big } from "@/lib/obol/ssz/format";
import { computeDomain, computeSigningRoot } from "@/lib/obol/lock/signing";

const MAX_UINT64 = 2n ** 64n - 1n;

/** Exactly `bytes` bytes of hex, 0x-prefixed or bare as charon's from0x accepts; lower-cased with 0x. */
export const hexExactly = (bytes: number, what: string) =>
  z
    .string()
    .regex(new RegExp(`^(0x)?[0-9a-fA-F]{${bytes * 2}}$`), `expected ${what}: ${bytes} bytes of hex`)
    .transform((s) => `0x${s.replace(/^0x/, "").toLowerCase()}` as Hex);

export const validatorPubkeySchema = hexExactly(48, "a validator public key");
const blsSignatureSchema = hexExactly(96, "a BLS signature");
export const identitySignatureSchema = hexExactly(65, "a 65-byte secp256k1 signature (r || s || v)");

/** A uint64 as the beacon API writes it: a decimal string (go-eth2-client also reads a bare number). */
const uint64String = z
  .union([z.string().max(20).regex(/^\d+$/, "expected a decimal uint64"), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)])
  .transform((v) => BigInt(v))
  .refine((v) => v <= MAX_UINT64, "exceeds uint64");

/** A share index: 1-based, as charon numbers an operator's key share. */
export const shareIndexSchema = z
  .string()
  .regex(/^[1-9]\d{0,2}$/, "expected a share index (1, 2, …)")
  .transform(Number);

const signedVoluntaryExitSchema = z.object({
  message: z.object({ epoch: uint64String, validator_index: uint64String }),
  signature: blsSignatureSchema,
});

const exitBlobSchema = z.object({ public_key: validatorPubkeySchema, signed_exit_message: signedVoluntaryExitSchema });
export type ExitBlob = z.output<typeof exitBlobSchema>;

/** PartialExitRequest: one operator's partial exits, signed with its charon identity key. */
export const partialExitRequestSchema = z.object({
  partial_exits: z.array(exitBlobSchema).min(1, "expected at least one partial exit").max(MAX_VALIDATORS),
  // charon writes share_idx with omitempty: absent means 0, which no operator has.
  share_idx: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
  signature: identitySignatureSchema,
});
export type PartialExitRequest = z.output<typeof partialExitRequestSchema>;

/** PartialDepositRequest: one operator's partial deposit signatures (eth2 DepositData). */
export const partialDepositRequestSchema = z.object({
  partial_deposit_data: z
    .array(
      z.object({
        pubkey: validatorPubkeySchema,
        withdrawal_credentials: hexExactly(32, "withdrawal credentials"),
        amount: uint64String,
        signature: blsSignatureSchema,
      }),
    )
    .min(1, "expected at least one partial deposit")
    .max(MAX_VALIDATORS),
});
export type PartialDeposit = z.output<typeof partialDepositRequestSchema>["partial_deposit_data"][number];

const voluntaryExitType = new ContainerType({ epoch: uint64Big, validator_index: uint64Big });
const exitBlobType = new ContainerType({
  public_key: bytes48,
  signed_exit_message: new ContainerType({ message: voluntaryExitType, signature: bytes96 }),
});
const unsignedPartialExitRequestType = new ContainerType({
  partial_exits: new ListCompositeType(exitBlobType, MAX_VALIDATORS),
  share_idx: uint64Big,
});
const fullExitAuthBlobType = new ContainerType({ lock_hash: bytes32, validator_pubkey: bytes48, share_index: uint64Big });

/** The root an operator's identity key signs for a PartialExitRequest (its unsigned part). */
export function partialExitRequestRoot(partialExits: readonly ExitBlob[], shareIndex: number): Uint8Array {
  return unsignedPartialExitRequestType.hashTreeRoot({
    partial_exits: partialExits.map((e) => ({
      public_key: hexToBytes(e.public_key),
      signed_exit_message: {
        message: { epoch: e.signed_exit_message.message.epoch, validator_index: e.signed_exit_message.message.validator_index },
        signature: hexToBytes(e.signed_exit_message.signature),
      },
    })),
    share_idx: BigInt(shareIndex),
  });
}

/** The root an operator's identity key signs to fetch a full exit or delete its partial (FullExitAuthBlob). */
export function fullExitAuthRoot(lockHash: Hex, validatorPubkey: Hex, shareIndex: number): Uint8Array {
  return fullExitAuthBlobType.hashTreeRoot({ lock_hash: hexToBytes(lockHash), validator_pubkey: hexToBytes(validatorPubkey), share_index: BigInt(shareIndex) });
}

const DOMAIN_VOLUNTARY_EXIT = new Uint8Array([0x04, 0x00, 0x00, 0x00]);

export type VoluntaryExit = { epoch: bigint; validatorIndex: bigint };

/**
 * The signing root of a voluntary exit on the network of `genesisForkVersion`: since EIP-7044 the
 * domain always uses the Capella fork version, with the network's genesis validators root, so an
 * exit signed once stays valid in every later fork (charon eth2util CapellaDomain).
 */
export function voluntaryExitSigningRoot(exit: VoluntaryExit, genesisForkVersion: Hex): Uint8Array {
  const network = requireNetwork(genesisForkVersion);
  const domain = computeDomain(DOMAIN_VOLUNTARY_EXIT, hexToBytes(network.capellaForkVersion), hexToBytes(network.genesisValidatorsRoot));
  return computeSigningRoot(voluntaryExitType.hashTreeRoot({ epoch: exit.epoch, validator_index: exit.validatorIndex }), domain);
}

/** A signed exit as the beacon API takes it (POST /eth/v1/beacon/pool/voluntary_exits): uint64s as decimal strings. */
export function signedExitJson(exit: VoluntaryExit, signature: Hex) {
  return { message: { epoch: exit.epoch.toString(), validator_index: exit.validatorIndex.toString() }, signature };
}
