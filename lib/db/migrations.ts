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
  {
    // Numbered 8: other branches take 6 and 7. migrate() applies ids in list order and records
    // each, so a gap is harmless.
    id: 8,
    name: "activity events, notification subscriptions and their outbox",
    sql: `
      -- The block a cluster's chain_status was read at, for the status events below.
      ALTER TABLE clusters ADD COLUMN status_block bigint;

      -- Everything that happened to a cluster, from the chain and from the portal (lib/activity).
      -- event_key is the event's natural key (a cluster and a kind, or a step and its signer), so a
      -- restart or a second instance that sees the same thing again adds nothing. id is the order
      -- the store learned of events: chain times and server times come from different clocks.
      CREATE TABLE activity_events (
        id bigserial PRIMARY KEY,
        event_key text NOT NULL UNIQUE,
        config_hash text,
        kind text NOT NULL,
        actor text,
        occurred_at timestamptz NOT NULL,
        block_number bigint,
        tx_hash text,
        detail jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX activity_events_cluster ON activity_events (config_hash, id);
      -- Terms are accepted per address, for every cluster: such events have no cluster.
      CREATE INDEX activity_events_actor ON activity_events (actor, id) WHERE config_hash IS NULL;

      CREATE FUNCTION activity_record(p_key text, p_cluster text, p_kind text, p_actor text, p_at timestamptz, p_block bigint, p_tx text, p_detail jsonb)
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO activity_events (event_key, config_hash, kind, actor, occurred_at, block_number, tx_hash, detail)
        VALUES (p_key, p_cluster, p_kind, p_actor, p_at, p_block, p_tx, p_detail) ON CONFLICT (event_key) DO NOTHING
      $$;

      -- Events are recorded by triggers on the tables whose writes they describe, so each is stored
      -- in the transaction of that write: the index's cursor advance, a summary refresh, a signed step.
      CREATE FUNCTION activity_of_cluster() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before smallint := 1;
        names text[] := ARRAY['status-deposited', 'status-verified', 'status-exited'];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM activity_record(NEW.config_hash || ':created', NEW.config_hash, 'cluster-created', NULL, NEW.block_time,
            NEW.block_number, NEW.tx_hash, jsonb_build_object('operators', to_jsonb(NEW.operators)));
        ELSE
          before := OLD.chain_status;
        END IF;
        -- Statuses only move forward on-chain; one read may pass several (DEPOSITED then VERIFIED).
        FOR s IN greatest(before + 1, 2) .. least(NEW.chain_status, 4) LOOP
          PERFORM activity_record(NEW.config_hash || ':status:' || s, NEW.config_hash, names[s - 1], NULL, now(),
            NEW.status_block, NULL, '{}');
        END LOOP;
        RETURN NULL;
      END $$;
      CREATE TRIGGER clusters_activity AFTER INSERT OR UPDATE OF chain_status ON clusters
        FOR EACH ROW EXECUTE FUNCTION activity_of_cluster();

      CREATE FUNCTION activity_of_terms() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM activity_record('terms:' || NEW.address || ':' || NEW.version, NULL, 'terms-accepted', NEW.address,
          NEW.accepted_at, NULL, NULL, jsonb_build_object('version', NEW.version));
        RETURN NULL;
      END $$;
      CREATE TRIGGER terms_activity AFTER INSERT ON terms_acceptances FOR EACH ROW EXECUTE FUNCTION activity_of_terms();

      CREATE FUNCTION activity_of_registration() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        registered integer;
        total integer;
      BEGIN
        PERFORM activity_record(NEW.config_hash || ':registered:' || NEW.operator || ':' || NEW.enr_public_key || ':' || extract(epoch FROM NEW.registered_at),
          NEW.config_hash, 'node-registered', NEW.operator, NEW.registered_at, NULL, NULL,
          jsonb_build_object('replaced', TG_OP = 'UPDATE', 'enr', NEW.enr));
        SELECT count(*) INTO registered FROM operator_registrations WHERE config_hash = NEW.config_hash;
        SELECT max(cardinality(operators)) INTO total FROM clusters WHERE config_hash = NEW.config_hash;
        IF registered >= total THEN
          PERFORM activity_record(NEW.config_hash || ':definition-complete', NEW.config_hash, 'definition-complete', NULL,
            NEW.registered_at, NULL, NULL, '{}');
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER registrations_activity AFTER INSERT OR UPDATE ON operator_registrations
        FOR EACH ROW EXECUTE FUNCTION activity_of_registration();

      -- posted_by is "<user agent> from <client address>": only the agent is public.
      CREATE FUNCTION activity_of_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM activity_record(NEW.config_hash || ':lock', NEW.config_hash, 'lock-published', NULL, NEW.received_at, NULL, NULL,
          jsonb_build_object('lockHash', NEW.lock_hash, 'via', NEW.posted_via, 'agent', left(split_part(NEW.posted_by, ' from ', 1), 200)));
        RETURN NULL;
      END $$;
      CREATE TRIGGER locks_activity AFTER INSERT ON cluster_locks FOR EACH ROW EXECUTE FUNCTION activity_of_lock();

      -- An operator's partial exit (migration 7): share_idx is the operator's 1-based place in the
      -- lock's definition. A newer epoch from the same operator is a new event; a re-post is not.
      CREATE FUNCTION activity_of_exit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        cluster text;
        operator text;
      BEGIN
        SELECT config_hash, body->'cluster_definition'->'operators'->(NEW.share_index - 1)->>'address'
          INTO cluster, operator FROM cluster_locks WHERE lock_hash = NEW.lock_hash;
        IF cluster IS NOT NULL THEN
          PERFORM activity_record(cluster || ':exits-signed:' || operator || ':' || NEW.validator_pubkey || ':' || NEW.epoch,
            cluster, 'exits-signed', operator, NEW.received_at, NULL, NULL,
            jsonb_build_object('validator', NEW.validator_pubkey, 'epoch', NEW.epoch::text));
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER exits_activity AFTER INSERT OR UPDATE ON partial_exits FOR EACH ROW EXECUTE FUNCTION activity_of_exit();

      -- What the store held before this migration, oldest first.
      INSERT INTO activity_events (event_key, config_hash, kind, actor, occurred_at, block_number, tx_hash, detail)
      SELECT * FROM (
        SELECT config_hash || ':created', config_hash, 'cluster-created', NULL::text, block_time, block_number, tx_hash,
          jsonb_build_object('operators', to_jsonb(operators))
        FROM clusters
        UNION ALL
        SELECT 'terms:' || address || ':' || version, NULL, 'terms-accepted', address, accepted_at, NULL, NULL, jsonb_build_object('version', version)
        FROM terms_acceptances
        UNION ALL
        SELECT config_hash || ':registered:' || operator || ':' || enr_public_key || ':' || extract(epoch FROM registered_at), config_hash,
          'node-registered', operator, registered_at, NULL, NULL, jsonb_build_object('replaced', false, 'enr', enr)
        FROM operator_registrations
        UNION ALL
        SELECT r.config_hash || ':definition-complete', r.config_hash, 'definition-complete', NULL, max(r.registered_at), NULL, NULL, '{}'::jsonb
        FROM operator_registrations r JOIN clusters c ON c.config_hash = r.config_hash
        GROUP BY r.config_hash HAVING count(*) >= max(cardinality(c.operators))
        UNION ALL
        SELECT config_hash || ':lock', config_hash, 'lock-published', NULL, received_at, NULL, NULL,
          jsonb_build_object('lockHash', lock_hash, 'via', posted_via, 'agent', left(split_part(posted_by, ' from ', 1), 200))
        FROM cluster_locks
      ) AS past(event_key, config_hash, kind, actor, occurred_at, block_number, tx_hash, detail)
      ORDER BY occurred_at;
      -- Statuses seen before now were observed at no known block.
      INSERT INTO activity_events (event_key, config_hash, kind, actor, occurred_at)
      SELECT c.config_hash || ':status:' || s, c.config_hash, (ARRAY['status-deposited', 'status-verified', 'status-exited'])[s - 1], NULL, now()
      FROM clusters c, generate_series(2, 4) AS s WHERE s <= c.chain_status ORDER BY c.ordinal, s;

      -- Webhooks an operator subscribed with a signed message (lib/activity/subscriptions.ts).
      CREATE TABLE notification_subscriptions (
        id bigserial PRIMARY KEY,
        operator text NOT NULL,
        url text NOT NULL,
        format text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (operator, url)
      );
      -- Nonces of accepted signed messages, until they expire: a message works once.
      CREATE TABLE notification_nonces (
        operator text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (operator, nonce)
      );
      -- One row per event and subscriber, written with the event (trigger below), so no event is
      -- missed between a watcher's reads; delivered at least once, claimed with SKIP LOCKED.
      CREATE TABLE notification_outbox (
        id bigserial PRIMARY KEY,
        event_id bigint NOT NULL REFERENCES activity_events (id),
        subscription_id bigint NOT NULL REFERENCES notification_subscriptions (id) ON DELETE CASCADE,
        idempotency_key text NOT NULL UNIQUE,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        failed_at timestamptz,
        last_error text
      );
      CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at, id) WHERE delivered_at IS NULL AND failed_at IS NULL;

      CREATE FUNCTION notify_subscribers() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO notification_outbox (event_id, subscription_id, idempotency_key)
        SELECT NEW.id, s.id, 'byzantine-portal-' || NEW.id || '-' || s.id
        FROM clusters c JOIN notification_subscriptions s ON s.operator = ANY (c.operators)
        WHERE c.config_hash = NEW.config_hash;
        RETURN NULL;
      END $$;
      CREATE TRIGGER activity_notifications AFTER INSERT ON activity_events
        FOR EACH ROW WHEN (NEW.config_hash IS NOT NULL) EXECUTE FUNCTION notify_subscribers();
    `,
  },
];
