import { config } from "zod";

/**
 * Imported first by client components that parse with zod. In the browser the portal's CSP allows
 * no eval, so zod's compiled parsers can never run there, and zod's probe for them (`Function("")`)
 * is reported as a CSP violation; jitless parses without the probe. The server keeps them.
 */
if (typeof window !== "undefined") config({ jitless: true });
