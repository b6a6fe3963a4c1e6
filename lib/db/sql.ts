// The database as the rest of lib/ sees it, whichever engine runs it (./database opens one).

/** The one query surface both engines offer: parameterised SQL returning rows. */
export type Sql = {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
};

export type Database = Sql & {
  readonly engine: "pglite" | "postgres";
  /** Runs fn in one transaction: everything or nothing is stored. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * How many writes through this handle have completed: while it stays the same, so do the
   * store's contents — for PGlite, which one process owns; null for PostgreSQL, which other
   * instances write to.
   */
  writes(): number | null;
  close(): Promise<void>;
};
