/** A value as JSON carries it: bigints (wei, scores) become decimal strings, dates ISO strings. */
export type Jsonified<T> = T extends bigint
  ? string
  : T extends Date
    ? string
    : T extends readonly (infer U)[]
      ? Jsonified<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonified<T[K]> }
        : T;

/** The one place auction data crosses into JSON (route responses, stamps): `JSON.stringify` throws on bigint. */
export function toJson<T>(value: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as Jsonified<T>;
}
