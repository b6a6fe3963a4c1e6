import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { suiteDatabase, testDatabases } from "@/lib/db/testing";
import { partialDepositsOf, partialExitOf, savePartialDeposit, savePartialExit } from "./storage";

const lockHash = `0x${"aa".repeat(32)}` as Hex;
const validatorPubkey = `0x${"bb".repeat(48)}` as Hex;
const signature = (byte: string) => `0x${byte.repeat(96)}` as Hex;

describe.each(testDatabases())("partial exit and deposit storage on $name", (engine) => {
  const db = suiteDatabase(engine);

  it("creates a partial exit, leaves the same one unchanged and replaces it with another", async () => {
    const exit = { validatorPubkey, shareIndex: 1, epoch: 10n, validatorIndex: 42n, signature: signature("01") };
    expect(await savePartialExit(db, lockHash, exit)).toBe("created");
    expect(await savePartialExit(db, lockHash, exit)).toBe("unchanged");
    expect(await savePartialExit(db, lockHash, { ...exit, epoch: 11n, signature: signature("02") })).toBe("replaced");
    expect(await partialExitOf(db, lockHash, validatorPubkey, 1)).toMatchObject({ epoch: 11n, signature: signature("02") });
  });

  it("keys a partial deposit by its amount too", async () => {
    const deposit = { validatorPubkey, shareIndex: 1, amountGwei: 32_000_000_000n, withdrawalCredentials: `0x01${"00".repeat(31)}` as Hex, signature: signature("03") };
    expect(await savePartialDeposit(db, lockHash, deposit)).toBe("created");
    expect(await savePartialDeposit(db, lockHash, deposit)).toBe("unchanged");
    expect(await savePartialDeposit(db, lockHash, { ...deposit, amountGwei: 8_000_000_000n })).toBe("created");
    expect(await savePartialDeposit(db, lockHash, { ...deposit, signature: signature("04") })).toBe("replaced");
    expect((await partialDepositsOf(db, lockHash, validatorPubkey)).map((d) => [d.amountGwei, d.signature])).toEqual([
      [8_000_000_000n, signature("03")],
      [32_000_000_000n, signature("04")],
    ]);
  });
});
