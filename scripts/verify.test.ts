import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import goldenDefinition from "@/lib/obol/testdata/definition-golden.json";
import { itVectors, LAUNCHPAD_LOCK, LAUNCHPAD_LOCK_SIGNATURES, VECTORS_DIR, vectorFiles } from "@/lib/obol/testdata/vectors";

const root = path.resolve(import.meta.dirname, "..");
const run = (...files: string[]) => {
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/verify.ts", ...files], { cwd: root, encoding: "utf8" });
  return { code: r.status, lines: r.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)), stderr: r.stderr };
};

describe("npm run verify", () => {
  itVectors("exits 0 on the launchpad-signed lock, every check true", () => {
    const { code, lines } = run(path.join(VECTORS_DIR, LAUNCHPAD_LOCK));
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0]).slice(0, 12)).toEqual([
      "file", "kind", "version", "config_hash", "definition_hash", "lock_hash", "creator_signature",
      "operator_config_signatures", "enr_signatures", "node_signatures", "signature_aggregate", "ok",
    ]);
    expect(lines[0]).toMatchObject({
      kind: "lock",
      version: "v1.7.0",
      ...LAUNCHPAD_LOCK_SIGNATURES,
      ok: true,
    });
  });

  itVectors("prints one line per vector with every hash ok, and exits 1 for their random signatures", () => {
    const { code, lines } = run(...vectorFiles.map((f) => path.join(VECTORS_DIR, f)));
    expect(code).toBe(1);
    expect(lines).toHaveLength(vectorFiles.length);
    for (const l of lines) {
      expect(l.config_hash.ok && l.definition_hash.ok && (l.lock_hash === null || l.lock_hash.ok)).toBe(true);
      if (!l.file.endsWith(LAUNCHPAD_LOCK)) expect(l.creator_signature).toBe(false);
    }
  }, 120_000);

  it("exits 2 with the reason on stderr for unreadable input, still checking the other files", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "verify-"));
    writeFileSync(path.join(dir, "bad.json"), "{ not json");
    writeFileSync(path.join(dir, "wrong.json"), JSON.stringify({ version: "v1.5.0" }));
    // A good file after the bad ones: it is still checked (our own definition, so no vectors are needed).
    writeFileSync(path.join(dir, "good.json"), JSON.stringify(goldenDefinition));
    const { code, lines, stderr } = run(path.join(dir, "bad.json"), path.join(dir, "missing.json"), path.join(dir, "wrong.json"), path.join(dir, "good.json"));
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(stderr).toMatch(/bad\.json: .*JSON/);
    expect(stderr).toMatch(/missing\.json: ENOENT/);
    expect(stderr).toMatch(/wrong\.json: .*version/);
  });
});
