import "server-only";
import { cache } from "react";
import type { Hex } from "viem";
import { findIndexedCluster, type IndexedCluster } from "@/lib/chain/indexed-clusters";
import { chainUnavailable } from "@/lib/http/unavailable";
import { asOf, staleReason, syncedIndex } from "./index-target";

/**
 * The indexed cluster with this config hash, or null; one lookup per request. A stale index (the
 * node did not answer) still serves what it holds; a hash unknown to it is then a 503 ("cannot
 * tell yet"), not a 404, since the cluster may be in blocks not read yet.
 */
export const findCluster = cache(async (configHash: Hex): Promise<IndexedCluster | null> => {
  const index = await syncedIndex();
  const cluster = await findIndexedCluster(index.db, index, configHash);
  if (!cluster && index.stale) {
    throw chainUnavailable(
      `No cluster with config hash ${configHash} is indexed yet. ${staleReason(index.stale)}, so the portal cannot tell yet whether it exists${asOf(index.stale)}.`,
    );
  }
  return cluster;
});
