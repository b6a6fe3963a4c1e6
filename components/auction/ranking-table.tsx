import type { Address } from "viem";
import { Cell, DataTable, EmptyTable, Row } from "@/components/ui/data-table";
import { ExplorerLink } from "@/components/ui/explorer-link";
import { Pagination } from "@/components/ui/pagination";
import type { RankedBid } from "@/lib/auction/ranking";
import { formatBasisPoints, formatDays, formatEth, formatScore } from "@/lib/format/number";
import { Section } from "@/components/ui/section";

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
    <Section id="ranking" title="Ranking" className="space-y-3">
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
        <EmptyTable>No pending bid. Be the first to bid.</EmptyTable>
      ) : (
        <DataTable
          label="Ranking"
          minWidth="min-w-[52rem]"
          columns={[
            "#",
            "Operator",
            { label: "Discount", align: "right" },
            { label: "Duration", align: "right" },
            { label: "VC price / day", align: "right" },
            { label: "Bid price", align: "right" },
            { label: "Score", align: "right" },
            "Next cluster",
          ]}
        >
          {rows.map((bid) => (
            <Row
              key={bid.bidId}
              data-bid-id={bid.bidId}
              className={bid.seat !== null ? "bg-orange-500/10 shadow-[inset_3px_0_0_0_var(--color-orange-500)]" : ""}
            >
              <Cell className="tabular-nums text-slate-300">{bid.position}</Cell>
              <Cell className="whitespace-nowrap">
                <ExplorerLink kind="address" value={bid.nodeOp} />
                {account === bid.nodeOp && <span className="ml-2 rounded bg-slate-700 px-1.5 py-0.5 text-xs text-white">You</span>}
              </Cell>
              <Cell className="text-right tabular-nums">{formatBasisPoints(bid.discountRate)}</Cell>
              <Cell className="text-right tabular-nums whitespace-nowrap">{formatDays(bid.duration)}</Cell>
              <Cell className="text-right tabular-nums whitespace-nowrap">{bid.vcPrice === null ? "—" : formatEth(bid.vcPrice, 8)}</Cell>
              <Cell className="text-right tabular-nums whitespace-nowrap">{formatEth(bid.bidPrice, 6)}</Cell>
              <Cell className="text-right tabular-nums whitespace-nowrap" title={`${bid.auctionScore} wei`}>
                {formatScore(bid.auctionScore)}
              </Cell>
              <Cell>
                <Standing bid={bid} />
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} path="/auction" query={{ pageSize: String(pageSize) }} noun="bids" />
    </Section>
  );
}
