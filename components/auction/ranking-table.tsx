import type { Address } from "viem";
import { ExplorerLink } from "@/components/ui/explorer-link";
import { Pagination } from "@/components/ui/pagination";
import type { RankedBid } from "@/lib/auction/ranking";
import { formatBasisPoints, formatDays, formatEth, formatScore } from "@/lib/format/number";
import { TableScroll } from "@/components/ui/table-scroll";

function Standing({ bid }: { bid: RankedBid }) {
  if (bid.seat !== null) return <span className="rounded-full bg-orange-500 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-slate-950">Seat {bid.seat}</span>;
  if (bid.passedOver) return <span className="text-xs whitespace-nowrap text-slate-400" title="This operator's better bid already holds a seat">Operator seated</span>;
  return null;
}

/**
 * The pending bids, best first; the four that would win now are highlighted, and the rule that
 * picks them is said in words above the table.
 */
export function RankingTable({
  rows,
  complete,
  account,
  page,
  pageSize,
  total,
}: {
  rows: RankedBid[];
  complete: boolean;
  account: Address | null;
  page: number;
  pageSize: number;
  total: number;
}) {
  return (
    <section aria-labelledby="ranking-heading" className="space-y-3">
      <h2 id="ranking-heading" className="text-lg font-semibold">
        Ranking
      </h2>
      <p className="max-w-3xl text-sm text-slate-400">
        {complete ? (
          <>
            When a staker deposits 32 ETH, the auction takes the best bids from the top, <strong className="text-slate-200">one seat per operator</strong>: an
            operator&apos;s lower bids are passed over once its best one is seated. The four <span className="text-orange-300">highlighted</span> bids would form
            the next cluster if it were created now.
          </>
        ) : (
          <>
            The auction takes the best bids from the top, one seat per operator, so it needs pending bids from four different operators. There are not enough
            yet: no cluster can be created until more operators bid.
          </>
        )}
      </p>
      {total === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-700 p-10 text-center text-slate-400">No pending bid. Be the first to bid.</div>
      ) : (
        <TableScroll label="Ranking" className="rounded-lg border border-slate-800">
          <table className="w-full min-w-[52rem] text-left text-sm">
            <thead className="bg-slate-900/80 text-xs tracking-wide text-slate-400 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">#</th>
                <th scope="col" className="px-4 py-3 font-medium">Operator</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Discount</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Duration</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">VC price / day</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Bid price</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Score</th>
                <th scope="col" className="px-4 py-3 font-medium">Next cluster</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((bid) => (
                <tr
                  key={bid.bidId}
                  data-bid-id={bid.bidId}
                  className={`border-t border-slate-800 ${bid.seat !== null ? "bg-orange-500/10 shadow-[inset_3px_0_0_0_var(--color-orange-500)]" : ""}`}
                >
                  <td className="px-4 py-3 tabular-nums text-slate-300">{bid.position}</td>
                  <td className="px-4 py-3 whitespace-nowrap">
                    <ExplorerLink kind="address" value={bid.nodeOp} />
                    {account === bid.nodeOp && <span className="ml-2 rounded bg-slate-700 px-1.5 py-0.5 text-xs text-white">You</span>}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatBasisPoints(bid.discountRate)}</td>
                  <td className="px-4 py-3 text-right tabular-nums whitespace-nowrap">{formatDays(bid.duration)}</td>
                  <td className="px-4 py-3 text-right tabular-nums whitespace-nowrap">{bid.vcPrice === null ? "—" : formatEth(bid.vcPrice, 8)}</td>
                  <td className="px-4 py-3 text-right tabular-nums whitespace-nowrap">{formatEth(bid.bidPrice, 6)}</td>
                  <td className="px-4 py-3 text-right tabular-nums whitespace-nowrap" title={`${bid.auctionScore} wei`}>
                    {formatScore(bid.auctionScore)}
                  </td>
                  <td className="px-4 py-3">
                    <Standing bid={bid} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} path="/auction" query={{ pageSize: String(pageSize) }} noun="bids" />
    </section>
  );
}
