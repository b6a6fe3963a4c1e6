import { EnvError, getEnv } from "@/lib/env-node";

/**
 * The configuration, or one clear message and exit(1) when it is bad: server.ts and
 * instrumentation.ts (Node.js runtime) call it at start.
 */
export function envOrExit(): ReturnType<typeof getEnv> {
  try {
    return getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\n${error.message}\nSee the configuration table in README.md.\n`);
    process.exit(1);
  }
}
