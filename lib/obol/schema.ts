// Cluster definition and lock JSON (v1.6.0 ... v1.10.0) as charon reads them.
//
// charon unmarshals with Go's encoding/json: a missing field is its zero value, an unknown one
// is ignored and a nil slice is written as `null`. The schemas accept the same shapes, so a file
// charon loads parses here too; fields a version does not have are simply not hashed for it.
import { z } from "zod";

export const SUPPORTED_VERSIONS = ["v1.6.0", "v1.7.0", "v1.8.0", "v1.9.0", "v1.10.0"] as const;
export type DefinitionVersion = (typeof SUPPORTED_VERSIONS)[number];

/** charon's ethHex: 0x-prefixed (or bare) hex of any even length; "" is empty bytes. */
const hexBytes = z
  .string()
  .regex(/^(0x)?([0-9a-fA-F]{2})*$/, "expected hex bytes")
  .transform((s) => (s === "" || s.startsWith("0x") ? s : `0x${s}`) as `0x${string}` | "");

const hexN = (bytes: number) =>
  z
    .string()
    .regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`), `expected 0x-prefixed ${bytes}-byte hex`)
    .transform((s) => s as `0x${string}`);

/** An address, or "" where charon allows it to be unset (creator of a charon-made definition). */
const address = z.union([hexN(20), z.literal("")]);

/** Go's zero value for a missing/null list is an empty list. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

/** uint64 written either as a JSON number or a decimal string (charon writes Gwei as strings). */
const uint64 = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/, "expected a decimal uint64"),
]);

export const operatorSchema = z.object({
  address,
  enr: z.string().default(""),
  config_signature: hexBytes.default(""),
  enr_signature: hexBytes.default(""),
});

export const creatorSchema = z.object({
  address: address.default(""),
  config_signature: hexBytes.default(""),
});

export const validatorAddressesSchema = z.object({
  fee_recipient_address: address,
  withdrawal_address: address,
});

export const definitionSchema = z
  .object({
    name: z.string().default(""),
    creator: creatorSchema.default({ address: "", config_signature: "" }),
    operators: list(operatorSchema),
    uuid: z.string(),
    version: z.enum(SUPPORTED_VERSIONS),
    timestamp: z.string().default(""),
    num_validators: z.number().int().nonnegative(),
    threshold: z.number().int().nonnegative(),
    validators: list(validatorAddressesSchema),
    dkg_algorithm: z.string(),
    fork_version: hexN(4),
    // v1.8+
    deposit_amounts: z.array(uint64).nullish(),
    // v1.9+
    consensus_protocol: z.string().optional(),
    // v1.10+
    target_gas_limit: z.number().int().nonnegative().optional(),
    compounding: z.boolean().optional(),
    config_hash: hexN(32),
    definition_hash: hexN(32),
  })
  .refine((d) => d.validators.length === d.num_validators, {
    // charon's unmarshal for v1.5+ rejects this before anything else.
    message: "num_validators not matching validators length",
    path: ["validators"],
  });

export const depositDataSchema = z.object({
  pubkey: hexBytes,
  withdrawal_credentials: hexBytes,
  amount: uint64,
  signature: hexBytes,
});

export const builderRegistrationSchema = z.object({
  message: z.object({
    fee_recipient: hexBytes,
    gas_limit: z.number().int().nonnegative(),
    timestamp: z.number().int().nonnegative(),
    pubkey: hexBytes,
  }),
  signature: hexBytes,
});

export const distributedValidatorSchema = z.object({
  distributed_public_key: hexBytes,
  public_shares: list(hexBytes),
  // v1.6 and v1.7 carry one deposit; v1.8+ a list of partial deposits (omitted when empty).
  deposit_data: depositDataSchema.optional(),
  partial_deposit_data: list(depositDataSchema),
  // v1.7+
  builder_registration: builderRegistrationSchema.optional(),
});

export const lockSchema = z.object({
  cluster_definition: definitionSchema,
  distributed_validators: list(distributedValidatorSchema),
  signature_aggregate: hexBytes.default(""),
  lock_hash: hexN(32),
  // v1.7+
  node_signatures: list(hexBytes),
});

export type Operator = z.infer<typeof operatorSchema>;
export type Creator = z.infer<typeof creatorSchema>;
export type ValidatorAddresses = z.infer<typeof validatorAddressesSchema>;
export type Definition = z.infer<typeof definitionSchema>;
export type DepositData = z.infer<typeof depositDataSchema>;
export type BuilderRegistration = z.infer<typeof builderRegistrationSchema>;
export type DistributedValidator = z.infer<typeof distributedValidatorSchema>;
export type Lock = z.infer<typeof lockSchema>;

export type ClusterFile = { kind: "definition"; definition: Definition } | { kind: "lock"; lock: Lock };

/** Parses a definition or a lock (told apart as charon does: a lock wraps `cluster_definition`). */
export function parseClusterFile(json: unknown): ClusterFile {
  if (typeof json === "object" && json !== null && "cluster_definition" in json) {
    return { kind: "lock", lock: lockSchema.parse(json) };
  }
  return { kind: "definition", definition: definitionSchema.parse(json) };
}

/** Each problem zod found in a file, as "path: message" for people. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
}
