import { auctionQuerySchema, getAuctionRanking } from "@/lib/auction/auction-view";
import { toJson } from "@/lib/auction/json";
import { withErrors } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/auction?page=1&pageSize=50: the auction's parameters and a page of the ranking of
 * pending bids (wei and scores as decimal strings), with the stamp the auction page polls.
 */
export const GET = withErrors(async (request: Request) => {
  const query = auctionQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(toJson(await getAuctionRanking(query)));
});
