import "server-only";
import { formatUnits, parseUnits, type Hex } from "viem";
import { z } from "zod";
import type { Sql } from "@/lib/db";
import { HttpError, readJson, withErrors } from "@/lib/http";
import { lockSchema } from "@/lib/obol/schema";
import { acceptLock, type AcceptLockDeps } from "./accept";
import { depositAmounts, depositDataFile, depositDataText, depositFileName, FULL_DEPOSIT_GWEI } from "./deposit-data";
import { lockByHash, lockOf, type LockSource } from "./storage";
import { UPLOAD_HEADER } from "./upload-header";
import { configHashSchema, hash32 } from "@/lib/http/schemas";

/**
 * The Obol-compatible lock API (docs/obol.md, the Obol API paths) and the cluster page's downloads, as handlers over
 * injected dependencies (as lib/sync/handlers): routes pass the configured ones, tests fixtures.
 */
export type LockDeps = AcceptLockDeps & { db(): Promise<Sql> };

type Params<P> = { params: Promise<P> };


// The portal's definitions have one validator: a 4-operator lock is ~6 kB (7 kB as charon
// indents it), and each further operator adds under 1 kB (ENR, two EIP-712 signatures, a share, a
// node signature). 64 kB holds any cluster the auction forms with room to spare, and bounds what
// a hostile body can make the parser do.
export const MAX_LOCK_BYTES = 64 * 1024;

const noStore = { "cache-control": "no-store" };

function poster(request: Request): { via: LockSource; by: string } {
  const agent = request.headers.get("user-agent") ?? "unknown client";
  const address = request.headers.get("x-forwarded-for")?.split(",")[0].trim();
  return { via: request.headers.has(UPLOAD_HEADER) ? "upload" : "api", by: address ? `${agent} from ${address}` : agent };
}

const attachment = (fileName: string) => ({ ...noStore, "content-disposition": `attachment; filename="${fileName}"` });

export function lockHandlers(deps: LockDeps) {
  /** POST /api/v1/lock: what `charon dkg --publish` sends (the lock JSON as the body). */
  const postLock = withErrors(async (request: Request) => {
    const json = await readJson(request, MAX_LOCK_BYTES);
    const { outcome, lock } = await acceptLock(await deps.db(), json, deps, poster(request));
    return Response.json(
      {
        message: outcome === "created" ? "Lock verified and stored." : "This lock was already stored.",
        lock_hash: lock.lockHash,
        config_hash: lock.configHash,
        received_at: lock.receivedAt.toISOString(),
      },
      { status: outcome === "created" ? 201 : 200 },
    );
  });

  async function storedLockOf(configHash: Hex) {
    const stored = await lockOf(await deps.db(), configHash);
    if (!stored) throw new HttpError(404, `No lock has been published for config hash ${configHash} yet.`);
    return stored;
  }

  /** GET /api/v1/lock/configHash/{configHash} */
  const getLockByConfigHash = withErrors(async (_request: Request, { params }: Params<{ configHash: string }>) => {
    const stored = await storedLockOf(configHashSchema.parse((await params).configHash));
    return Response.json(stored.body, { headers: noStore });
  });

  /** GET /api/v1/lock/{lockHash} */
  const getLockByHash = withErrors(async (_request: Request, { params }: Params<{ lockHash: string }>) => {
    const hash = hash32("lock hash").parse((await params).lockHash);
    const stored = await lockByHash(await deps.db(), hash);
    if (!stored) throw new HttpError(404, `No lock with lock hash ${hash} is stored here.`);
    return Response.json(stored.body, { headers: noStore });
  });

  /** GET /api/clusters/{configHash}/cluster-lock.json: the lock as a file, exactly as published. */
  const downloadLock = withErrors(async (_request: Request, { params }: Params<{ configHash: string }>) => {
    const stored = await storedLockOf(configHashSchema.parse((await params).configHash));
    return new Response(JSON.stringify(stored.body, null, 2), { headers: { ...attachment("cluster-lock.json"), "content-type": "application/json" } });
  });

  /** GET /api/clusters/{configHash}/deposit-data.json?amount=<ETH>: charon's deposit-data file (32 ETH by default). */
  const downloadDepositData = withErrors(async (request: Request, { params }: Params<{ configHash: string }>) => {
    const stored = await storedLockOf(configHashSchema.parse((await params).configHash));
    const amountGwei =
      z
        .string()
        .regex(/^\d+(\.\d{1,9})?$/, "expected the deposit amount in ETH, such as 32 or 1.5")
        .transform((eth) => parseUnits(eth, 9))
        .optional()
        .parse(new URL(request.url).searchParams.get("amount") ?? undefined) ?? FULL_DEPOSIT_GWEI;
    const lock = lockSchema.parse(stored.body);
    const entries = depositDataFile(lock, amountGwei);
    if (entries.length === 0) {
      const amounts = depositAmounts(lock).map((a) => `${formatUnits(a, 9)} ETH`);
      throw new HttpError(404, `This lock has no ${formatUnits(amountGwei, 9)} ETH deposit; its deposits are ${amounts.join(", ")}.`);
    }
    return new Response(depositDataText(entries), { headers: { ...attachment(depositFileName(amountGwei)), "content-type": "application/json" } });
  });

  return { postLock, getLockByConfigHash, getLockByHash, downloadLock, downloadDepositData };
}
