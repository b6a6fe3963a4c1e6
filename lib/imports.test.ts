// lib/ is layered: no module imports itself back through others, and no folder of lib/ (lib/obol,
// lib/clusters, …; a file directly in lib/ counts as its own) imports a folder that imports it
// back. Type-only imports count too, as they do for madge. Tests are left out: they may reach
// across for setup.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const lib = path.join(root, "lib");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (base === null) return null;
  const found = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"].map((ext) => base + ext).find((p) => /\.tsx?$/.test(p) && existsSync(p));
  return found && found.startsWith(lib + path.sep) ? found : null;
}

/** Each lib/ file's imports of other lib/ files. */
const graph = new Map(
  sourceFiles(lib).map((file) => {
    const imports = ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles;
    return [file, [...new Set(imports.map((i) => resolve(file, i.fileName)).filter((p) => p !== null))]] as const;
  }),
);

/** Groups of nodes that reach each other (Tarjan's strongly connected components of size > 1). */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do group.push((w = stack.pop()!));
      while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return out;
}

const relative = (p: string) => path.relative(root, p);
const folderOf = (file: string) => {
  const [first, ...rest] = path.relative(lib, file).split(path.sep);
  return `lib/${rest.length > 0 ? first : first.replace(/\.tsx?$/, "")}`;
};

describe("imports in lib/", () => {
  it("reads the import graph (a broken walk would pass everything below)", () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(path.join(lib, "obol/ssz/index.ts"))).toContain(path.join(lib, "obol/versions/index.ts"));
  });

  it("has no cycle between files", () => {
    expect(cycles(graph).map((c) => c.map(relative))).toEqual([]);
  });

  it("has no cycle between folders", () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, imports] of graph) {
      const from = folderOf(file);
      const set = folders.get(from) ?? new Set<string>();
      for (const target of imports) if (folderOf(target) !== from) set.add(folderOf(target));
      folders.set(from, set);
    }
    const edges = new Map([...folders].map(([k, v]) => [k, [...v]]));
    // Each cycle with the imports that close it, so a failure says what to move.
    const explained = cycles(edges).map((group) =>
      [...graph].flatMap(([file, imports]) =>
        imports
          .filter((t) => group.includes(folderOf(file)) && group.includes(folderOf(t)) && folderOf(file) !== folderOf(t))
          .map((t) => `${relative(file)} → ${relative(t)}`),
      ),
    );
    expect(explained).toEqual([]);
  });
});
