import { EnvError, getEnv } from "@/lib/env";

// Imported by instrumentation.ts at server start (Node.js runtime only).
try {
  getEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`\n${error.message}\nSee the configuration table in README.md.\n`);
  process.exit(1);
}
