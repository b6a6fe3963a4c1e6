import "server-only";
import { getDatabase } from "@/lib/db";
import { serverCrypto } from "@/lib/locks/accept";
import { exitHandlers } from "./handlers";

/** The exit and deposit endpoints with the configured store and the server's native curve work: what the route files export. */
export const exitRoutes = exitHandlers({ db: getDatabase, crypto: serverCrypto });
