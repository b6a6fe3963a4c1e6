import type { Hex } from "viem";
import { z } from "zod";
import type { Sql } from "@/lib/db";
import { bearerToken, HttpError, readJson, withErrors } from "@/lib/http";
import { hash32 } from "@/lib/http/schemas";
import { identitySignatureSchema, shareIndexSchema, validatorPubkeySchema } from "@/lib/obol/exit";
import { acceptPartialDeposits, fullDeposit } from "./deposits";
import { acceptPartialExits, fullExit, withdrawPartialExit, type ExitCrypto } from "./exits";

/**
 * charon's exit and deposit endpoints of the Obol API (docs/obol.md §Exits and deposits), as
 * handlers over injected dependencies (as lib/locks/handlers). Served under /api/v1 and at the
 * host's root, where charon sends them.
 */
export type ExitDeps = { db(): Promise<Sql>; crypto: ExitCrypto };

type Params<P> = { params: Promise<P> };

// A partial exit is ~400 bytes of JSON and a partial deposit ~450: the portal's clusters have one
// validator, and 256 kB still takes every validator of a few hundred.
const MAX_BODY_BYTES = 256 * 1024;

const noStore = { "cache-control": "no-store" };
const lockHashSchema = hash32("lock hash");
const operatorPath = z.object({ lockHash: lockHashSchema, shareIndex: shareIndexSchema, validatorPubkey: validatorPubkeySchema });

/** charon's `Authorization: Bearer 0x…`: its identity signature; 401 when missing. */
function identityBearer(request: Request): Hex {
  const token = bearerToken(request);
  if (!token) {
    throw new HttpError(401, "This request needs Authorization: Bearer <identity signature>, as charon sends it: the operator's charon key signing the lock hash, validator and share index.", undefined, {
      "www-authenticate": 'Bearer realm="charon identity key"',
    });
  }
  const parsed = identitySignatureSchema.safeParse(token);
  if (!parsed.success) throw new HttpError(400, "The bearer token is not a 65-byte hex identity signature.");
  return parsed.data;
}

/** The answer to a stored write: 201 when something new was kept, else 200. */
const stored = (message: string, outcomes: { outcome: string }[], extra: object) =>
  Response.json({ message, ...extra }, { status: outcomes.some((o) => o.outcome === "created") ? 201 : 200 });

export function exitHandlers(deps: ExitDeps) {
  /** POST /exp/partial_exits/{lock_hash} */
  const postPartialExits = withErrors(async (request: Request, { params }: Params<{ lockHash: string }>) => {
    const lockHash = lockHashSchema.parse((await params).lockHash);
    const json = await readJson(request, MAX_BODY_BYTES);
    const { shareIndex, outcomes } = await acceptPartialExits(await deps.db(), lockHash, json, deps.crypto);
    return stored(`Operator ${shareIndex}'s partial exit${outcomes.length === 1 ? "" : "s"} verified and stored.`, outcomes, { partial_exits: outcomes });
  });

  /** GET /exp/exit/{lock_hash}/{share_index}/{validator_pubkey} */
  const getFullExit = withErrors(async (request: Request, { params }: Params<Record<keyof z.input<typeof operatorPath>, string>>) => {
    const path = operatorPath.parse(await params);
    const body = await fullExit(await deps.db(), path, identityBearer(request), deps.crypto);
    return Response.json(body, { headers: noStore });
  });

  /** DELETE /exp/partial_exits/{lock_hash}/{share_index}/{validator_pubkey} */
  const deletePartialExit = withErrors(async (request: Request, { params }: Params<Record<keyof z.input<typeof operatorPath>, string>>) => {
    const path = operatorPath.parse(await params);
    await withdrawPartialExit(await deps.db(), path, identityBearer(request), deps.crypto);
    return Response.json({ message: `Operator ${path.shareIndex}'s partial exit of validator ${path.validatorPubkey} was withdrawn.` });
  });

  /** POST /deposit_data/partial_deposits/{lock_hash}/{share_index} */
  const postPartialDeposits = withErrors(async (request: Request, { params }: Params<{ lockHash: string; shareIndex: string }>) => {
    const path = z.object({ lockHash: lockHashSchema, shareIndex: shareIndexSchema }).parse(await params);
    const json = await readJson(request, MAX_BODY_BYTES);
    const outcomes = await acceptPartialDeposits(await deps.db(), path.lockHash, path.shareIndex, json, deps.crypto.bls);
    return stored(`Operator ${path.shareIndex}'s partial deposit${outcomes.length === 1 ? "" : "s"} verified and stored.`, outcomes, { partial_deposits: outcomes });
  });

  /** GET /deposit_data/{lock_hash}/{validator_pubkey} */
  const getFullDeposit = withErrors(async (_request: Request, { params }: Params<{ lockHash: string; validatorPubkey: string }>) => {
    const path = z.object({ lockHash: lockHashSchema, validatorPubkey: validatorPubkeySchema }).parse(await params);
    return Response.json(await fullDeposit(await deps.db(), path.lockHash, path.validatorPubkey), { headers: noStore });
  });

  return { postPartialExits, getFullExit, deletePartialExit, postPartialDeposits, getFullDeposit };
}
