import { withErrors } from "@/lib/http";
import { downloadSignedExit } from "@/lib/exits/view";

export const dynamic = "force-dynamic";

/** The combined, verified signed exit of a validator, for any beacon node (POST /eth/v1/beacon/pool/voluntary_exits). */
export const GET = withErrors(async (_request: Request, { params }: { params: Promise<{ configHash: string; validatorPubkey: string }> }) => downloadSignedExit(await params));
