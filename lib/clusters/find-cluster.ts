import "server-only";
import { cache } from "react";
import type { Hex } from "viem";
import { findIndexedCluster, type IndexedCluster } from "@/lib/chain/indexed-clusters";
import { syncedIndex } from "./index-target";

/** The indexed cluster with this config hash, or null; one lookup per request. */
export const findCluster = cache(async (configHash: Hex): Promise<IndexedCluster | null> => {
  const index = await syncedIndex();
  return findIndexedCluster(index.db, index, configHash);
});
