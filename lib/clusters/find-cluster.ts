import "server-only";
import { cache } from "react";
import type { Hex } from "viem";
import { findIndexedCluster, type IndexedCluster } from "@/lib/chain/indexed-clusters";
import { chainUnavailable } from "@/lib/http/unavailable";
import { asOf, syncedIndex } from "./index-target";

/**
 * The indexed cluster with this config hash, or null; one lookup per request. Served from the
 * last indexed state when the chain node does not answer; a hash unknown to that state is then a
 * 503 ("cannot tell yet"), not a 404, since the cluster may be in blocks not read yet.
 */
export const findCluster = cache(async (configHash: Hex): Promise<IndexedCluster | null> => {
  const index = await syncedIndex();
  const cluster = await findIndexedCluster(index.db, index, configHash);
  if (!cluster && index.stale) {
    throw chainUnavailable(
      `No cluster with config hash ${configHash} is indexed yet, and the chain node is not answering, so the portal cannot tell yet whether it exists${asOf(index.stale)}.`,
    );
  }
  return cluster;
});
