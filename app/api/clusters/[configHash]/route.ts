import { z } from "zod";
import { getClusterView } from "@/lib/clusters/cluster-page";
import { configHashSchema } from "@/lib/http/schemas";
import { stampOf } from "@/lib/clusters/stamp";
import { HttpError, withErrors } from "@/lib/http";
import { exitSignatures } from "@/lib/exits/view";

export const dynamic = "force-dynamic";

/** GET /api/clusters/0x<configHash>: what the cluster page shows. */
export const GET = withErrors(async (_request: Request, context: { params: Promise<{ configHash: string }> }) => {
  const { configHash } = z.object({ configHash: configHashSchema }).parse(await context.params);
  const cluster = await getClusterView(configHash);
  if (!cluster) throw new HttpError(404, `No cluster has the config hash ${configHash}.`);
  // The page stamps the exit signatures too (lib/exits/view), so it refreshes when an operator signs.
  return Response.json({ ...cluster, stamp: stampOf({ cluster, exits: await exitSignatures(configHash) }) });
});
