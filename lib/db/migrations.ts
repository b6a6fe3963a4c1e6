/** The schema, as an append-only list: never edit an applied migration, add a new one. */
export const migrations: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: "cluster index",
    sql: `
      CREATE TABLE index_cursor (
        chain_id integer NOT NULL,
        auction text NOT NULL,
        next_block bigint NOT NULL,
        PRIMARY KEY (chain_id, auction)
      );
      CREATE TABLE clusters (
        chain_id integer NOT NULL,
        auction text NOT NULL,
        cluster_id text NOT NULL,
        ordinal integer NOT NULL,
        config_hash text NOT NULL UNIQUE,
        block_number bigint NOT NULL,
        log_index integer NOT NULL,
        block_time timestamptz NOT NULL,
        tx_hash text NOT NULL,
        vault text NOT NULL,
        split text NOT NULL,
        eigen_pod text NOT NULL,
        average_score numeric NOT NULL,
        operators text[] NOT NULL,
        bid_ids text[] NOT NULL,
        PRIMARY KEY (chain_id, auction, cluster_id),
        UNIQUE (chain_id, auction, ordinal)
      );
      CREATE INDEX clusters_operators ON clusters USING gin (operators);
    `,
  },
];
