import "server-only";
import { getAddress, isAddress, isAddressEqual, type Address, type Hex, type LocalAccount, type PublicClient } from "viem";
import { z } from "zod";
import { chainStatusLabels, ClusterStatus } from "@/lib/chain/cluster-state";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import { currentDefinition } from "@/lib/sync/definition";
import type { Database, Sql } from "@/lib/db";
import { DEFINITION_VERSION } from "@/lib/obol/version";
import {
  chainIdForForkVersion,
  enrTypedData,
  operatorConfigHashTypedData,
  TERMS_AND_CONDITIONS_HASH,
  termsAndConditionsTypedData,
  verifyTypedSignature,
} from "@/lib/obol/eip712";
import { parseEnr } from "@/lib/obol/enr";
import { bearerToken, HttpError, readJson, withErrors } from "@/lib/http";
import {
  planRegistration,
  registrationsOf,
  saveRegistration,
  saveTermsAcceptance,
  termsAcceptedBy,
  termsVersion,
  type NewRegistration,
  type StoredRegistration,
} from "./storage";
import { configHashSchema } from "@/lib/http/schemas";

/**
 * The Obol-compatible synchronization API (docs/obol.md) as handlers over injected
 * dependencies: routes pass the configured database, index and creator key; tests pass fixtures.
 */
export type SyncDeps = {
  db(): Promise<Database>;
  findCluster(configHash: Hex): Promise<IndexedCluster | null>;
  /** The cluster's status on-chain (ClusterStatus), one RPC call. */
  clusterStatus(cluster: IndexedCluster): Promise<number>;
  creator(): LocalAccount;
  forkVersion(): Hex;
  /** The chain, to ask contract wallets (ERC-1271) about signatures their owners made. */
  client?(): PublicClient;
};

type Params<P> = { params: Promise<P> };

const address = z
  .string()
  .refine((s) => isAddress(s, { strict: false }), "expected a 0x-prefixed 20-byte address")
  .transform((s) => getAddress(s));


// A wallet's signature is 65 bytes; a contract wallet's (ERC-1271) can be longer, such as a
// Safe's concatenated owner signatures: up to 2 kB (about 30 owners) where the portal only stores
// it (terms). The definition's operator signatures are 65-byte fields of charon's SSZ hash
// (lib/obol/ssz), so a registration longer than that could never be loaded by charon.
const MAX_CONTRACT_SIGNATURE_BYTES = 2048;
const signatureRules = {
  stored: `a 0x-prefixed signature of 65 bytes, or up to ${MAX_CONTRACT_SIGNATURE_BYTES} bytes from a contract wallet`,
  definition:
    "a 0x-prefixed signature of 65 bytes: charon's cluster definition holds no longer one, so a multisig wallet cannot register a node with its owners' concatenated signatures",
};
const signatureOf = (rule: keyof typeof signatureRules) =>
  z
    .string()
    .regex(new RegExp(`^0x(?:[0-9a-fA-F]{2}){65,${rule === "stored" ? MAX_CONTRACT_SIGNATURE_BYTES : 65}}$`), `expected ${signatureRules[rule]}`)
    .transform((s) => s.toLowerCase() as Hex);

const forkVersion = z
  .string()
  .regex(/^0x[0-9a-fA-F]{8}$/, "expected a 4-byte hex fork version such as 0x10000910")
  .transform((s) => s.toLowerCase() as Hex);

/** Body of POST /termsAndConditions, as obol-sdk's acceptObolLatestTermsAndConditions sends it. */
export const termsBodySchema = z.object({
  address,
  version: z.coerce.number().int(),
  terms_and_conditions_hash: z.string().transform((s) => s.toLowerCase() as Hex),
  fork_version: forkVersion.optional(),
});

/** Body of PUT /definition/{configHash}, as obol-sdk's acceptClusterDefinition sends it. */
export const operatorBodySchema = z.object({
  enr: z.string().min(1, "expected the charon ENR (enr:...)").max(1024, "an ENR is at most 1024 bytes"),
  version: z.string(),
  address,
  enr_signature: signatureOf("definition"),
  fork_version: forkVersion,
});

export type OperatorBody = z.input<typeof operatorBodySchema>;

function signatureHeader(request: Request, what: string, rule: keyof typeof signatureRules): Hex {
  const token = bearerToken(request);
  if (!token) throw new HttpError(401, `Send ${what} as the header "Authorization: Bearer <signature>".`);
  const parsed = signatureOf(rule).safeParse(token);
  if (!parsed.success) throw new HttpError(400, `The Authorization header must carry ${what}: ${signatureRules[rule]}.`);
  return parsed.data;
}

const noStore = { "cache-control": "no-store" };

export function syncHandlers(deps: SyncDeps) {
  async function clusterOr404(hash: Hex): Promise<IndexedCluster> {
    const cluster = await deps.findCluster(hash);
    if (!cluster) throw new HttpError(404, `No cluster of this portal's network has config hash ${hash}.`);
    return cluster;
  }

  const definitionOf = (sql: Sql, cluster: IndexedCluster) =>
    currentDefinition(sql, cluster, { creator: deps.creator(), forkVersion: deps.forkVersion() });

  /** POST /api/v1/termsAndConditions: the TermsAndConditions signature as `Authorization: Bearer`. */
  const postTerms = withErrors(async (request: Request) => {
    const body = termsBodySchema.parse(await readJson(request));
    const sig = signatureHeader(request, "your TermsAndConditions signature", "stored");
    if (body.version !== termsVersion || body.terms_and_conditions_hash !== TERMS_AND_CONDITIONS_HASH) {
      throw new HttpError(
        400,
        `The current terms are version ${termsVersion} with hash ${TERMS_AND_CONDITIONS_HASH}; sign and send those.`,
      );
    }
    const valid = await verifyTypedSignature({ client: deps.client?.(), address: body.address, typedData: termsAndConditionsTypedData(), signature: sig });
    if (!valid) {
      throw new HttpError(403, `The signature is not ${body.address}'s signature of the terms and conditions; sign them with that wallet.`);
    }
    const db = await deps.db();
    const created = await saveTermsAcceptance(db, {
      address: body.address,
      version: termsVersion,
      termsHash: TERMS_AND_CONDITIONS_HASH,
      signature: sig,
    });
    return Response.json(
      { message: created ? "Terms and conditions accepted." : "Terms and conditions were already accepted.", success: true },
      { status: created ? 201 : 200 },
    );
  });

  /** GET /api/v1/termsAndConditions/{address} */
  const getTerms = withErrors(async (_request: Request, { params }: Params<{ address: string }>) => {
    const who = address.parse((await params).address);
    const accepted = await termsAcceptedBy(await deps.db(), [who], termsVersion);
    return Response.json({ isTermsAndConditionsSigned: accepted.has(who) }, { headers: noStore });
  });

  /** GET /api/v1/definition/{configHash}: the charon-ready definition (charon dkg --definition-file). */
  const getDefinition = withErrors(async (_request: Request, { params }: Params<{ configHash: string }>) => {
    const cluster = await clusterOr404(configHashSchema.parse((await params).configHash));
    return Response.json(await definitionOf(await deps.db(), cluster), { headers: noStore });
  });

  /** PUT /api/v1/definition/{configHash}: an operator registers its node (ENR) with both signatures. */
  const putDefinition = withErrors(async (request: Request, { params }: Params<{ configHash: string }>) => {
    const hash = configHashSchema.parse((await params).configHash);
    const body = operatorBodySchema.parse(await readJson(request));
    const configSignature = signatureHeader(request, "your OperatorConfigHash signature", "definition");
    const cluster = await clusterOr404(hash);
    const fork = deps.forkVersion();
    const chainId = chainIdForForkVersion(fork);

    if (body.version !== DEFINITION_VERSION) {
      throw new HttpError(400, `This cluster's definition is version ${DEFINITION_VERSION}, not ${body.version}.`);
    }
    if (body.fork_version !== fork) {
      throw new HttpError(
        400,
        `This portal's network has fork version ${fork} (chain ${chainId}), not ${body.fork_version}: sign for this network.`,
      );
    }
    if (!cluster.operators.some((op) => isAddressEqual(op, body.address))) {
      throw new HttpError(403, `${body.address} is not an operator of ${cluster.name}; connect the wallet that won its auction.`);
    }
    const enr = parseEnr(body.enr);
    if (!enr.ok) throw new HttpError(400, `The ENR is invalid: ${enr.reason}. Paste the output of "charon create enr".`);

    const configSigned = await verifyTypedSignature({
      client: deps.client?.(),
      address: body.address,
      typedData: operatorConfigHashTypedData(hash, fork),
      signature: configSignature,
    });
    if (!configSigned) {
      throw new HttpError(
        403,
        `The Authorization signature is not ${body.address}'s OperatorConfigHash signature of ${hash} on chain ${chainId}; ` +
          "a signature for another cluster, network or wallet is refused.",
      );
    }
    const enrSigned = await verifyTypedSignature({ client: deps.client?.(), address: body.address, typedData: enrTypedData(body.enr, fork), signature: body.enr_signature });
    if (!enrSigned) {
      throw new HttpError(403, `enr_signature is not ${body.address}'s signature of this ENR on chain ${chainId}; sign the ENR you send.`);
    }

    const db = await deps.db();
    if (!(await termsAcceptedBy(db, [body.address], termsVersion)).has(body.address)) {
      throw new HttpError(403, `${body.address} has not accepted the terms and conditions; accept them first, then register the node.`);
    }
    const registration: NewRegistration = {
      configHash: hash,
      address: body.address,
      enr: body.enr,
      enrPublicKey: enr.enr.publicKey,
      configSignature,
      enrSignature: body.enr_signature,
    };
    const operatorCount = cluster.operators.length;
    const existing = (await registrationsOf(db, [hash])).get(hash) ?? [];
    const plan = planRegistration(existing, registration, operatorCount);
    if (plan.outcome === "frozen" || plan.outcome === "enr-taken") throw conflict(plan.outcome, plan.registration);
    if (plan.outcome !== "unchanged") await requireInCreation(cluster);
    const saved = await db.transaction((tx) => saveRegistration(tx, registration, operatorCount));
    if (saved.outcome === "frozen" || saved.outcome === "enr-taken") throw conflict(saved.outcome, saved.registration);
    return Response.json(await definitionOf(db, cluster), { status: saved.outcome === "created" ? 201 : 200, headers: noStore });
  });

  /**
   * Refuses to change the definition of a cluster the chain has moved past creation: with no lock
   * here, it was activated from a DKG elsewhere, and a node registered now would join nothing.
   */
  async function requireInCreation(cluster: IndexedCluster): Promise<void> {
    const status = await deps.clusterStatus(cluster);
    if (status === ClusterStatus.IN_CREATION) return;
    throw new HttpError(
      409,
      `${cluster.name} is ${chainStatusLabels[status] ?? `in status ${status}`} on-chain, not in creation, and no lock of it was published here: ` +
        "its validator was made without this portal, so its operators can no longer be registered.",
    );
  }

  return { postTerms, getTerms, getDefinition, putDefinition };
}

const conflictReasons = {
  // The DKG runs on the complete definition: changing a node now would split the cluster.
  frozen: (existing: StoredRegistration) =>
    `Every operator has registered, so the definition is final and ${existing.address}'s node can no longer be replaced`,
  "enr-taken": (existing: StoredRegistration) =>
    `This charon key is already the node of operator ${existing.address} in this cluster; each operator runs its own node. ` +
    `If that operator registered your ENR, ask it to register its own node instead, which frees the key`,
};

function conflict(reason: keyof typeof conflictReasons, existing: StoredRegistration): HttpError {
  return new HttpError(
    409,
    `${conflictReasons[reason](existing)} (${existing.enr.slice(0, 24)}…, registered ${existing.registeredAt.toISOString()}).`,
    { registered: { address: existing.address as Address, enr: existing.enr, registered_at: existing.registeredAt.toISOString() } },
  );
}
