import { getAddress, isAddress, isHex, type Hex } from "viem";
import { z } from "zod";

/** A 32-byte hash from a URL or body, lower-cased as the store keeps it. */
export const hash32 = (what: string) =>
  z
    .string()
    .refine((s) => isHex(s) && s.length === 66, `expected a 0x-prefixed 32-byte ${what}`)
    .transform((s) => s.toLowerCase() as Hex);

export const configHashSchema = hash32("config hash");

/** An address from a URL or body, checksummed. */
export const addressSchema = z
  .string()
  .refine((s) => isAddress(s, { strict: false }), "expected a 0x-prefixed 20-byte address")
  .transform((s) => getAddress(s));
