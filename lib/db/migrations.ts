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
  {
    id: 2,
    name: "synchronization: terms acceptances and operator registrations",
    sql: `
      -- Terms are accepted once per address for every cluster (their EIP-712 domain has no chain).
      CREATE TABLE terms_acceptances (
        address text NOT NULL,
        version integer NOT NULL,
        terms_hash text NOT NULL,
        signature text NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (address, version)
      );
      -- One registered node per operator and cluster; a charon key (ENR public key) can serve
      -- only one operator of a cluster, which the unique constraint enforces under concurrency.
      CREATE TABLE operator_registrations (
        config_hash text NOT NULL,
        operator text NOT NULL,
        enr text NOT NULL,
        enr_public_key text NOT NULL,
        config_signature text NOT NULL,
        enr_signature text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (config_hash, operator),
        UNIQUE (config_hash, enr_public_key)
      );
    `,
  },
  {
    id: 3,
    name: "cluster locks",
    sql: `
      -- One lock per cluster, the first verified one: the DKG is run once, and a second, different
      -- lock for the same definition is refused rather than replacing the first.
      -- body is json (not jsonb) so the file is served back exactly as it was posted.
      CREATE TABLE cluster_locks (
        lock_hash text PRIMARY KEY,
        config_hash text NOT NULL UNIQUE,
        body json NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        posted_via text NOT NULL,
        posted_by text NOT NULL
      );
    `,
  },
  {
    id: 4,
    name: "rate limit counters",
    sql: `
      -- Requests per client and one-minute window, shared by every portal instance on this database
      -- (lib/http/rate-limit.ts). Counts are worth nothing after a crash: no write-ahead log.
      CREATE UNLOGGED TABLE rate_limit_counters (
        bucket text NOT NULL,
        window_start bigint NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (bucket, window_start)
      );
    `,
  },
  {
    id: 5,
    name: "cluster summaries and operator seats",
    sql: `
      -- What a dashboard shows without asking the chain about every cluster: each cluster's chain
      -- status and each seat's remaining VCs as last read (at indexing, then whenever the cluster
      -- is shown), and each operator's seats, so "mine" pages and counts come from an index.
      ALTER TABLE clusters ADD COLUMN chain_status smallint NOT NULL DEFAULT 1;
      ALTER TABLE clusters ADD COLUMN vcs integer[] NOT NULL DEFAULT '{}';
      CREATE TABLE cluster_members (
        chain_id integer NOT NULL,
        auction text NOT NULL,
        operator text NOT NULL,
        ordinal integer NOT NULL,
        seat integer NOT NULL,
        PRIMARY KEY (chain_id, auction, operator, ordinal)
      );
      -- The index is derived from the chain: emptied here, it is rebuilt with the summaries on
      -- the next sync (same order, same config hashes).
      DELETE FROM clusters;
      DELETE FROM index_cursor;
    `,
  },
  {
    // 7, not 6: another branch takes 6; migrate() applies any id not yet recorded, so the order
    // of merging does not matter.
    id: 7,
    name: "partial exits and partial deposits",
    sql: `
      -- charon's exit and deposit coordination (docs/obol.md §Exits and deposits): each operator's
      -- verified partial signature, one per lock, validator and share (an operator's newer exit
      -- replaces its earlier one), and one per amount for deposits. uint64s are numeric: an epoch
      -- may exceed bigint.
      CREATE TABLE partial_exits (
        lock_hash text NOT NULL,
        validator_pubkey text NOT NULL,
        share_index integer NOT NULL,
        epoch numeric(20, 0) NOT NULL,
        validator_index numeric(20, 0) NOT NULL,
        signature text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (lock_hash, validator_pubkey, share_index)
      );
      CREATE TABLE partial_deposits (
        lock_hash text NOT NULL,
        validator_pubkey text NOT NULL,
        share_index integer NOT NULL,
        amount numeric(20, 0) NOT NULL,
        withdrawal_credentials text NOT NULL,
        signature text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (lock_hash, validator_pubkey, amount, share_index)
      );
    `,
  },
];
