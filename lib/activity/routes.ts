import "server-only";
import { z } from "zod";
import { findCluster } from "@/lib/clusters/find-cluster";
import { syncedIndex } from "@/lib/clusters/index-target";
import { getEnv } from "@/lib/env";
import { HttpError, withErrors } from "@/lib/http";
import { originOf } from "@/lib/http/origin";
import { addressSchema, configHashSchema } from "@/lib/http/schemas";
import { atomResponse } from "./atom";
import { activityQuerySchema, clusterActivity } from "./events";
import { clusterFeed, operatorFeed } from "./feeds";

type Params<P> = { params: Promise<P> };

/** The origin for the feed's links, as the dkg command gets it; a request without Host names its URL's. */
const origin = (request: Request) => {
  const env = getEnv();
  const headers = new Headers(request.headers);
  if (!headers.has("host")) headers.set("host", new URL(request.url).host);
  return originOf(headers, { publicUrl: env.PUBLIC_URL, trusted: env.TRUSTED_PROXY_HEADERS });
};

async function clusterOr404(params: Promise<{ configHash: string }>) {
  const { configHash } = z.object({ configHash: configHashSchema }).parse(await params);
  const cluster = await findCluster(configHash);
  if (!cluster) throw new HttpError(404, `No cluster has the config hash ${configHash}.`);
  return cluster;
}

export const activityRoutes = {
  /** GET /api/clusters/{configHash}/activity?page=1: `{ events }`, newest first, 25 a page. */
  clusterActivity: withErrors(async (request: Request, { params }: Params<{ configHash: string }>) => {
    const query = activityQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const cluster = await clusterOr404(params);
    const index = await syncedIndex();
    return Response.json(await clusterActivity(index.db, cluster, query));
  }),

  /** GET /api/clusters/{configHash}/feed.atom */
  clusterFeed: withErrors(async (request: Request, { params }: Params<{ configHash: string }>) => {
    const cluster = await clusterOr404(params);
    const index = await syncedIndex();
    return atomResponse(await clusterFeed(index.db, index, cluster, origin(request)));
  }),

  /** GET /api/operators/{address}/feed.atom: what concerns the operator, actions waiting on it first. */
  operatorFeed: withErrors(async (request: Request, { params }: Params<{ address: string }>) => {
    const { address } = z.object({ address: addressSchema }).parse(await params);
    const index = await syncedIndex();
    return atomResponse(await operatorFeed(index.db, index, address, origin(request)));
  }),
};
