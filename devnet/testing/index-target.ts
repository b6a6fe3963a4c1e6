import type { PublicClient } from "viem";
import type { IndexTarget } from "@/lib/chain/cluster-index";
import type { Database } from "@/lib/db";
import { deployer } from "../accounts";
import type { Deployment } from "../deploy";

/**
 * What the cluster index reads a devnet `deployment` with, as the portal's configuration would
 * give it: the deployer creates the clusters, on Hoodi's fork version.
 */
export function devnetIndexTarget(deployment: Deployment, client: PublicClient, db: Database, chunkSize = 1000): IndexTarget {
  return {
    client,
    db,
    chainId: deployment.chainId,
    auction: deployment.auction,
    deploymentBlock: BigInt(deployment.deploymentBlock),
    chunkSize,
    forkVersion: "0x10000910",
    creator: deployer.address,
  };
}
