import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { compileContracts } from "@/devnet/compile";
import { renderAbiModules } from "@/scripts/gen-abi";

describe("contracts-abi", () => {
  it("matches the compiled devnet contracts (run `npm run gen:abi` after changing them)", async () => {
    const expected = renderAbiModules(await compileContracts());
    for (const [file, text] of Object.entries(expected)) {
      expect(await readFile(new URL(`./${file}`, import.meta.url), "utf8"), file).toBe(text);
    }
  });
});
