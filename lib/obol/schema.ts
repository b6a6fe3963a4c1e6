// Cluster definition and lock JSON (charon's versions that lib/obol/versions lists) as charon
// reads them: the fields from ./schema-fields, checked against the version table.
import { z } from "zod";
import { isSupportedVersion, unsupportedVersion } from "@/lib/obol/versions";
import {
  MAX_OPERATORS,
  MAX_VALIDATORS,
  blsSignature,
  definitionFieldsSchema,
  distributedValidatorSchema,
  hexN,
  k1Signature,
  list,
} from "./schema-fields";

export {
  MAX_DEPOSIT_AMOUNTS,
  MAX_OPERATORS,
  MAX_VALIDATORS,
  builderRegistrationSchema,
  creatorSchema,
  depositDataSchema,
  distributedValidatorSchema,
  operatorSchema,
  validatorAddressesSchema,
  type BuilderRegistration,
  type Creator,
  type DepositData,
  type DistributedValidator,
  type Operator,
  type ValidatorAddresses,
} from "./schema-fields";

export const definitionSchema = definitionFieldsSchema
  .extend({
    // Refused here with a sentence, before any hash needs the version's format.
    version: definitionFieldsSchema.shape.version.refine(isSupportedVersion, { error: (issue) => unsupportedVersion(String(issue.input)) }),
  })
  .refine((d) => d.validators.length === d.num_validators, {
    // charon's unmarshal for v1.5+ rejects this before anything else.
    message: "num_validators not matching validators length",
    path: ["validators"],
  });

export const lockSchema = z.object({
  cluster_definition: definitionSchema,
  distributed_validators: list(distributedValidatorSchema, MAX_VALIDATORS),
  signature_aggregate: blsSignature.default(""),
  lock_hash: hexN(32),
  // v1.7+
  node_signatures: list(k1Signature, MAX_OPERATORS),
});

export type Definition = z.infer<typeof definitionSchema>;
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
