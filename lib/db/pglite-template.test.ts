import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database";
import { pgliteTemplatePath } from "./pglite-template";

// A PGlite data directory on disk, as the portal runs by default (PGLITE_DIR).
describe("PGlite in a data directory", () => {
  const dirs: string[] = [];
  const newDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "portal-pglite-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("copies a new directory from the template, keeps what is written across a restart, and leaves the template empty", async () => {
    const dir = await newDir();
    const first = await openDatabase({ dir });
    expect(existsSync(join(pgliteTemplatePath, "PG_VERSION"))).toBe(true);
    await first.query("INSERT INTO index_cursor (chain_id, auction, next_block) VALUES (7, 'kept', 42)");
    await first.close();

    const again = await openDatabase({ dir });
    expect((await again.query<{ next_block: unknown }>("SELECT next_block FROM index_cursor WHERE chain_id = 7")).map((r) => Number(r.next_block))).toEqual([42]);
    await again.close();

    const other = await openDatabase({ dir: await newDir() });
    expect(await other.query("SELECT count(*)::int AS n FROM index_cursor")).toEqual([{ n: 0 }]);
    await other.close();
  });

  it("makes the template again when the one found cannot be opened (left by another PGlite build)", async () => {
    const version = join(pgliteTemplatePath, "PG_VERSION");
    const made = await readFile(version, "utf8");
    await writeFile(version, "9\n");
    const db = await openDatabase({ dir: await newDir() });
    expect(await db.query("SELECT count(*)::int AS n FROM schema_migrations")).not.toEqual([{ n: 0 }]);
    await db.close();
    expect(await readFile(version, "utf8")).toBe(made);
  });
});
