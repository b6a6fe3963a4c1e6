// The fields of cluster definition and lock JSON as charon reads them, for every version; ./schema
// adds the check that the version is one lib/obol/versions lists (the version files hash these
// fields, so they cannot depend on that list).
//
// charon unmarshals with Go's encoding/json: a missing field is its zero value, an unknown one
// is ignored and a nil slice is written as `null`. The schemas accept the same shapes, so a file
// charon loads parses here too; fields a version does not have are simply not hashed for it.
import { z } from "zod";

// charon's list limits (cluster/ssz.go): every list and string is bounded, so a hostile file costs
// the parser at most these many elements (zod 4 refuses an over-long array before its elements).
export const MAX_OPERATORS = 256;
export const MAX_VALIDATORS = 65536;
export const MAX_DEPOSIT_AMOUNTS = 256;
const MAX_ENR_BYTES = 1024;

/** charon's ethHex: 0x-prefixed (or bare) hex of at most `maxBytes` (shorter is left-padded when hashed); "" is empty bytes. */
const hexBytes = (maxBytes: number) =>
  z
    .string()
    .max(2 + 2 * maxBytes, `expected at most ${maxBytes} bytes of hex`)
    .regex(/^(0x)?([0-9a-fA-F]{2})*$/, "expected hex bytes")
    .transform((s) => (s === "" || s.startsWith("0x") ? s : `0x${s}`) as `0x${string}` | "");
export const k1Signature = hexBytes(65);
const blsPublicKey = hexBytes(48);
export const blsSignature = hexBytes(96);

export const hexN = (bytes: number) =>
  z
    .string()
    .regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`), `expected 0x-prefixed ${bytes}-byte hex`)
    .transform((s) => s as `0x${string}`);

/** An address, or "" where charon allows it to be unset (creator of a charon-made definition). */
const address = z.union([hexN(20), z.literal("")]);

/** Go's zero value for a missing/null list is an empty list; at most `max` items. */
export const list = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .nullish()
    .transform((v) => v ?? []);

/** A string charon hashes as a ByteList of `maxBytes` (UTF-8; the hash refuses multi-byte overflows). */
const text = (maxBytes: number) => z.string().max(maxBytes);

/** uint64 written either as a JSON number or a decimal string (charon writes Gwei as strings). */
const uint64 = z.union([
  z.number().int().nonnegative(),
  z.string().max(20).regex(/^\d+$/, "expected a decimal uint64"),
]);

export const operatorSchema = z.object({
  address,
  enr: text(MAX_ENR_BYTES).default(""),
  config_signature: k1Signature.default(""),
  enr_signature: k1Signature.default(""),
});

export const creatorSchema = z.object({
  address: address.default(""),
  config_signature: k1Signature.default(""),
});

export const validatorAddressesSchema = z.object({
  fee_recipient_address: address,
  withdrawal_address: address,
});

/** A definition's fields; ./schema's definitionSchema also checks the version and the validator count. */
export const definitionFieldsSchema = z.object({
  name: text(256).default(""),
  creator: creatorSchema.default({ address: "", config_signature: "" }),
  operators: list(operatorSchema, MAX_OPERATORS),
  uuid: text(64),
  version: text(16),
  timestamp: text(32).default(""),
  num_validators: z.number().int().nonnegative(),
  threshold: z.number().int().nonnegative(),
  validators: list(validatorAddressesSchema, MAX_VALIDATORS),
  dkg_algorithm: text(32),
  fork_version: hexN(4),
  // v1.8+
  deposit_amounts: z.array(uint64).max(MAX_DEPOSIT_AMOUNTS).nullish(),
  // v1.9+
  consensus_protocol: text(256).optional(),
  // v1.10+
  target_gas_limit: z.number().int().nonnegative().optional(),
  compounding: z.boolean().optional(),
  config_hash: hexN(32),
  definition_hash: hexN(32),
});

export const depositDataSchema = z.object({
  pubkey: blsPublicKey,
  withdrawal_credentials: hexBytes(32),
  amount: uint64,
  signature: blsSignature,
});

export const builderRegistrationSchema = z.object({
  message: z.object({
    fee_recipient: hexBytes(20),
    gas_limit: z.number().int().nonnegative(),
    timestamp: z.number().int().nonnegative(),
    pubkey: blsPublicKey,
  }),
  signature: blsSignature,
});

export const distributedValidatorSchema = z.object({
  distributed_public_key: blsPublicKey,
  public_shares: list(blsPublicKey, MAX_OPERATORS),
  // v1.6 and v1.7 carry one deposit; v1.8+ a list of partial deposits (omitted when empty).
  deposit_data: depositDataSchema.optional(),
  partial_deposit_data: list(depositDataSchema, MAX_DEPOSIT_AMOUNTS),
  // v1.7+
  builder_registration: builderRegistrationSchema.optional(),
});

export type Operator = z.infer<typeof operatorSchema>;
export type Creator = z.infer<typeof creatorSchema>;
export type ValidatorAddresses = z.infer<typeof validatorAddressesSchema>;
export type DefinitionFields = z.infer<typeof definitionFieldsSchema>;
export type DepositData = z.infer<typeof depositDataSchema>;
export type BuilderRegistration = z.infer<typeof builderRegistrationSchema>;
export type DistributedValidator = z.infer<typeof distributedValidatorSchema>;
