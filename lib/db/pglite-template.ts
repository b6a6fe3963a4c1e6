import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * The data directory of an empty PGlite cluster, as a gzipped tarball, made once per checkout
 * (the first new directory makes it; the benchmarks make it ahead, before the server is measured).
 * Making it runs initdb, which leaves ~450 MB resident in its process for as long as that lives:
 * a short-lived child does it, so the server only ever unpacks a directory (~2 s, no initdb).
 */
export const pgliteTemplatePath = join(process.cwd(), "node_modules", ".cache", "byzantine-portal", "pglite-template.tar.gz");

// In a plain Node process (the server's bundler never sees it); written beside, then renamed, so a
// reader never finds half a file.
const makeTemplate = `
const { PGlite } = await import("@electric-sql/pglite");
const { writeFile, rename } = await import("node:fs/promises");
const [path] = process.argv.slice(1);
const db = await PGlite.create();
const dump = await db.dumpDataDir("gzip");
await writeFile(path + ".part", Buffer.from(await dump.arrayBuffer()));
await rename(path + ".part", path);
await db.close();
`;

let making: Promise<void> | undefined;

/** Makes the template when this checkout has none yet. */
export async function preparePgliteTemplate(): Promise<void> {
  if (existsSync(pgliteTemplatePath)) return;
  making ??= (async () => {
    await mkdir(join(pgliteTemplatePath, ".."), { recursive: true });
    await promisify(execFile)(process.execPath, ["--input-type=module", "-e", makeTemplate, pgliteTemplatePath]);
  })().finally(() => (making = undefined));
  return making;
}

/** The template's bytes, made first when missing. */
export async function pgliteTemplate(): Promise<Buffer> {
  await preparePgliteTemplate();
  return readFile(pgliteTemplatePath);
}

/** Removes the template (true if there was one), so the next new directory makes it again. */
export async function discardPgliteTemplate(): Promise<boolean> {
  if (!existsSync(pgliteTemplatePath)) return false;
  await rm(pgliteTemplatePath, { force: true });
  return true;
}
