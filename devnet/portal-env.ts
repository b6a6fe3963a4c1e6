import type { Deployment } from "./deploy";

/** The portal's configuration for a devnet deployment: what dev, tests, e2e and the bench all set. */
export function devnetPortalEnv(rpcUrl: string, deployment: Deployment, pgliteDir: string): Record<string, string> {
  return {
    NETWORK: "devnet",
    RPC_URL: rpcUrl,
    AUCTION_ADDRESS: deployment.auction,
    VAULT_ADDRESS: deployment.vault,
    DEPLOYMENT_BLOCK: String(deployment.deploymentBlock),
    PGLITE_DIR: pgliteDir,
  };
}
