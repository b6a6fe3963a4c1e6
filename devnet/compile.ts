/**
 * Compiles devnet/contracts/*.sol with solc-js. The output is cached under .devnet/build, keyed
 * by a hash of the sources and settings, so a second `npm run dev` skips the compiler.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Abi, Hex } from "viem";

const contractsDir = fileURLToPath(new URL("./contracts/", import.meta.url));
const cacheDir = fileURLToPath(new URL("../.devnet/build/", import.meta.url));

const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
};

export type CompiledContract = { abi: Abi; bytecode: Hex; deployedBytecode: Hex };
export type Compiled = Record<string, CompiledContract>;

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
};

export async function readSources(): Promise<Record<string, { content: string }>> {
  const files = (await readdir(contractsDir)).filter((f) => f.endsWith(".sol")).sort();
  const entries = await Promise.all(files.map(async (f) => [f, { content: await readFile(contractsDir + f, "utf8") }] as const));
  return Object.fromEntries(entries);
}

export async function compileContracts(): Promise<Compiled> {
  const sources = await readSources();
  const require = createRequire(import.meta.url);
  // The package version names the compiler: loading solc-js itself takes a second, which a cache hit skips.
  const { version } = require("solc/package.json") as { version: string };
  const key = createHash("sha256").update(JSON.stringify({ sources, settings, solc: version })).digest("hex").slice(0, 16);
  const cacheFile = `${cacheDir}${key}.json`;
  try {
    return JSON.parse(await readFile(cacheFile, "utf8")) as Compiled;
  } catch {
    // Not compiled yet for these sources.
  }

  const solc = require("solc") as { compile(input: string): string };
  const output = JSON.parse(solc.compile(JSON.stringify({ language: "Solidity", sources, settings }))) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);

  const compiled: Compiled = {};
  for (const file of Object.values(output.contracts)) {
    for (const [name, contract] of Object.entries(file)) {
      compiled[name] = {
        abi: contract.abi,
        bytecode: `0x${contract.evm.bytecode.object}`,
        deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
      };
    }
  }
  await mkdir(cacheDir, { recursive: true });
  await writeFile(cacheFile, JSON.stringify(compiled));
  return compiled;
}
