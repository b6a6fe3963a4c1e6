import type { Deployment } from "../deploy";

/**
 * Points the portal's configuration at a test chain, with an in-memory database. The portal reads
 * its configuration once, on first use: call this before importing route handlers or pages.
 */
export function usePortalEnv(rpcUrl: string, deployment: Deployment): void {
  Object.assign(process.env, {
    NETWORK: "devnet",
    RPC_URL: rpcUrl,
    AUCTION_ADDRESS: deployment.auction,
    VAULT_ADDRESS: deployment.vault,
    DEPLOYMENT_BLOCK: String(deployment.deploymentBlock),
    PGLITE_DIR: "memory",
  });
  delete process.env.DATABASE_URL;
  delete process.env.BEACON_API_URL;
}
