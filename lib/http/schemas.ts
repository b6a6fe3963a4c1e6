import { isHex, type Hex } from "viem";
import { z } from "zod";

/** A 32-byte hash from a URL or body, lower-cased as the store keeps it. */
export const hash32 = (what: string) =>
  z
    .string()
    .refine((s) => isHex(s) && s.length === 66, `expected a 0x-prefixed 32-byte ${what}`)
    .transform((s) => s.toLowerCase() as Hex);

export const configHashSchema = hash32("config hash");
