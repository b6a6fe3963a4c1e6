// npm run verify -- FILE...: one JSON line per cluster definition or lock with every charon check.
// Exit 0 when every check passes, 1 when one fails, 2 when a file cannot be read or parsed.
import { readFileSync } from "node:fs";
import { ZodError } from "zod";
import { describeIssues, parseClusterFile } from "@/lib/obol/schema";
import { verifyClusterFile } from "@/lib/obol/verify";

async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write("usage: npm run verify -- FILE...\n");
    return 2;
  }
  let exit = 0;
  for (const file of files) {
    let parsed;
    try {
      parsed = parseClusterFile(JSON.parse(readFileSync(file, "utf8")));
    } catch (e) {
      const reason =
        e instanceof ZodError
          ? describeIssues(e).join("; ")
          : e instanceof Error
            ? e.message
            : String(e);
      process.stderr.write(`${file}: ${reason}\n`);
      exit = 2;
      continue;
    }
    const r = await verifyClusterFile(parsed);
    // The documented keys first; the full BLS details stay in the library result.
    const line = {
      file,
      kind: r.kind,
      version: r.version,
      config_hash: r.config_hash,
      definition_hash: r.definition_hash,
      lock_hash: r.lock_hash,
      creator_signature: r.creator_signature,
      operator_config_signatures: r.operator_config_signatures,
      enr_signatures: r.enr_signatures,
      node_signatures: r.node_signatures,
      signature_aggregate: r.signature_aggregate,
      ok: r.ok,
      validators: r.validators,
      enrs: r.enrs,
      problems: r.problems,
      complete: r.complete,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    if (!r.ok && exit === 0) exit = 1;
  }
  return exit;
}

process.exitCode = await main(process.argv.slice(2));
