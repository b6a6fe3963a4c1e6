import type { Deployment } from "../deploy";
import { devnetPortalEnv } from "../portal-env";

/**
 * Points the portal's configuration at a test chain, with an in-memory database. The portal reads
 * its configuration once, on first use: call this before importing route handlers or pages.
 */
export function usePortalEnv(rpcUrl: string, deployment: Deployment): void {
  Object.assign(process.env, devnetPortalEnv(rpcUrl, deployment, "memory"));
  delete process.env.DATABASE_URL;
  delete process.env.BEACON_API_URL;
}
