// Migration 8 on a store that already holds clusters, signatures and a lock: their history is
// recorded, oldest first, as the triggers would have recorded it.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "@/lib/db/migrations";

const cluster = "0x" + "c1".repeat(32);
const [a, b] = ["0x00000000000000000000000000000000000000A1", "0x00000000000000000000000000000000000000B2"];

describe("migration 8 on an existing store", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    for (const m of migrations.filter((m) => m.id < 8)) await db.exec(m.sql);
    await db.exec(`
      INSERT INTO clusters (chain_id, auction, cluster_id, ordinal, config_hash, block_number, log_index, block_time, tx_hash, vault, split,
        eigen_pod, average_score, operators, bid_ids, chain_status)
      VALUES (1, 'x', 'id', 1, '${cluster}', 10, 0, '2026-01-01T00:00:00Z', '0xt', 'v', 's', 'e', 1, ARRAY['${a}', '${b}'], ARRAY['1', '2'], 3);
      INSERT INTO terms_acceptances (address, version, terms_hash, signature, accepted_at) VALUES ('${a}', 1, 'h', 's', '2026-01-02T00:00:00Z');
      INSERT INTO operator_registrations (config_hash, operator, enr, enr_public_key, config_signature, enr_signature, registered_at) VALUES
        ('${cluster}', '${a}', 'enr:a', 'ka', 's', 's', '2026-01-03T00:00:00Z'),
        ('${cluster}', '${b}', 'enr:b', 'kb', 's', 's', '2026-01-04T00:00:00Z');
      INSERT INTO cluster_locks (lock_hash, config_hash, body, received_at, posted_via, posted_by)
        VALUES ('0xl', '${cluster}', '{}', '2026-01-05T00:00:00Z', 'upload', 'Mozilla/5.0 from 203.0.113.9');
    `);
    await db.exec(migrations.find((m) => m.id === 8)!.sql);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("records what happened before, oldest first, without client addresses", async () => {
    const { rows } = await db.query<{ kind: string; actor: string | null; detail: Record<string, unknown> }>("SELECT kind, actor, detail FROM activity_events ORDER BY id");
    expect(rows.map((r) => [r.kind, r.actor])).toEqual([
      ["cluster-created", null],
      ["terms-accepted", a],
      ["node-registered", a],
      ["node-registered", b],
      ["definition-complete", null],
      ["lock-published", null],
      ["status-deposited", null],
      ["status-verified", null],
    ]);
    expect(rows[5].detail).toEqual({ lockHash: "0xl", via: "upload", agent: "Mozilla/5.0" });
  });

  it("then records new writes through its triggers, once each", async () => {
    await db.exec(`UPDATE clusters SET chain_status = 4, status_block = 99`);
    await db.exec(`UPDATE clusters SET chain_status = 4, status_block = 100`);
    const { rows } = await db.query<{ kind: string; block_number: number | null }>("SELECT kind, block_number FROM activity_events WHERE kind = 'status-exited'");
    expect(rows).toEqual([{ kind: "status-exited", block_number: 99 }]);
  });
});
