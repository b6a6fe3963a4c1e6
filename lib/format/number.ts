/** Readable numbers for people: thousands separators, ETH with sensible precision. */

const integer = new Intl.NumberFormat("en-US");

export function formatInteger(value: bigint | number): string {
  return integer.format(value);
}
