import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * The data directory of an empty PGlite cluster, made once per checkout (the first new directory
 * makes it; the benchmarks make it ahead, before the server is measured). Making it runs initdb,
 * which leaves ~450 MB resident in its process for as long as that lives: a short-lived child
 * does it, and a new directory is a file copy of it, so the server never holds a cluster's files
 * in memory (unpacking a tarball through PGlite held ~80 MB of buffers until the next full GC).
 */
export const pgliteTemplatePath = join(process.cwd(), "node_modules", ".cache", "byzantine-portal", "pglite-template");

// In a plain Node process (the server's bundler never sees it); made beside, then renamed, so a
// reader never finds half a directory.
const makeTemplate = `
const { PGlite } = await import("@electric-sql/pglite");
const { rename, rm } = await import("node:fs/promises");
const [path] = process.argv.slice(1);
await rm(path + ".part", { recursive: true, force: true });
const db = await PGlite.create(path + ".part");
await db.close();
await rename(path + ".part", path);
`;

let making: Promise<void> | undefined;

const templateReady = () => existsSync(join(pgliteTemplatePath, "PG_VERSION"));

/** Makes the template when this checkout has none yet. */
export async function preparePgliteTemplate(): Promise<void> {
  if (templateReady()) return;
  making ??= (async () => {
    await mkdir(join(pgliteTemplatePath, ".."), { recursive: true });
    await promisify(execFile)(process.execPath, ["--input-type=module", "-e", makeTemplate, pgliteTemplatePath]);
  })().finally(() => (making = undefined));
  return making;
}

/** Fills `dir` (absent or empty) with a copy of the template, made first when missing. */
export async function copyPgliteTemplate(dir: string): Promise<void> {
  await preparePgliteTemplate();
  await cp(pgliteTemplatePath, dir, { recursive: true });
}

/** Removes the template (true if there was one), so the next new directory makes it again. */
export async function discardPgliteTemplate(): Promise<boolean> {
  if (!existsSync(pgliteTemplatePath)) return false;
  await rm(pgliteTemplatePath, { recursive: true, force: true });
  return true;
}
