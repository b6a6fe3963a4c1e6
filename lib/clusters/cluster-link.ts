import "server-only";
import type { Hex } from "viem";
import { configHashOfClusterId } from "@/lib/chain/indexed-clusters";
import { lockByHash } from "@/lib/locks/storage";
import { syncedIndex } from "./index-target";

/**
 * The config hash that a cluster link names by another of the cluster's hashes: its on-chain
 * cluster id (explorers, contract events) or, once the DKG is done, its lock hash (Obol's tools).
 * Null when neither is known, so the link stays a 404.
 */
export async function configHashForLink(hash: Hex): Promise<Hex | null> {
  const index = await syncedIndex();
  const byId = await configHashOfClusterId(index.db, index, hash);
  if (byId) return byId;
  return (await lockByHash(index.db, hash))?.configHash ?? null;
}
