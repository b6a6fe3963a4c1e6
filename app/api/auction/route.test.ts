// GET /api/auction through the exported handler, against the shared seeded devnet (read-only).
import { beforeAll, describe, expect, it } from "vitest";
import { auctionParameters } from "@/devnet/deploy";
import { testChain } from "@/devnet/testing/chain";
import { usePortalEnv } from "@/devnet/testing/portal-env";

type Route = typeof import("./route");
let route: Route;

beforeAll(async () => {
  const { rpcUrl, deployment } = testChain();
  usePortalEnv(rpcUrl, deployment);
  route = await import("./route");
});

const get = (query = "") => route.GET(new Request(`http://portal.test/api/auction${query}`));
const decimal = /^[0-9]+$/;

describe("GET /api/auction", () => {
  it("answers the parameters and the ranking, wei and scores as decimal strings", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.parameters).toEqual({
      expectedDailyReturnWei: auctionParameters.expectedDailyReturnWei.toString(),
      maxDiscountRate: auctionParameters.maxDiscountRate,
      minDuration: auctionParameters.minDuration,
    });
    expect(body).toMatchObject({ numBids: 7, total: 7, page: 1, pageSize: 50, complete: true });
    expect(body.auction).toBe(testChain().deployment.auction);
    expect(body.blockNumber).toMatch(decimal);
    expect(body.stamp).toMatch(/^[\w-]{16}$/);
    expect(body.rows).toHaveLength(7);
    expect(body.rows.map((r: { position: number }) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const row of body.rows) {
      expect(Object.keys(row).sort()).toEqual(
        ["auctionScore", "bidId", "bidPrice", "discountRate", "duration", "nodeOp", "passedOver", "position", "seat", "vcPrice"].sort(),
      );
      expect(row.bidId).toMatch(/^0x[0-9a-f]{64}$/);
      expect(row.nodeOp).toMatch(/^0x[0-9a-fA-F]{40}$/);
      for (const key of ["auctionScore", "bidPrice", "vcPrice"]) expect(row[key]).toMatch(decimal);
      expect(BigInt(row.bidPrice)).toBe(BigInt(row.vcPrice) * BigInt(row.duration));
    }
    expect(body.rows.filter((r: { seat: number | null }) => r.seat !== null).map((r: { seat: number }) => r.seat)).toEqual([1, 2, 3, 4]);
  });

  it("pages the ranking and keeps the stamp of the whole auction", async () => {
    const all = await (await get()).json();
    const second = await (await get("?page=2&pageSize=3")).json();
    expect(second).toMatchObject({ page: 2, pageSize: 3, total: 7, stamp: all.stamp });
    expect(second.rows).toEqual(all.rows.slice(3, 6));
    const past = await (await get("?page=9&pageSize=3")).json();
    expect(past.rows).toEqual([]);
  });

  it.each([
    ["?page=0", "page: pages start at 1"],
    ["?page=1.5", "page: expected a whole page number"],
    ["?page=first", "page: expected a page number"],
    ["?pageSize=0", "pageSize: at least 1 bid per page"],
    ["?pageSize=201", "pageSize: at most 200 bids per page"],
  ])("refuses %s with a 400 naming the field", async (query, message) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.message).toContain(message);
    expect(body.details.issues[0].path).toBe(message.split(":")[0]);
  });
});
