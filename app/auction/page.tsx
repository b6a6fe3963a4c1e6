import type { Metadata } from "next";
import { AuctionParameters } from "@/components/auction/auction-parameters";
import { BidDesk } from "@/components/auction/bid-desk";
import { RankingTable } from "@/components/auction/ranking-table";
import { ChainUnavailableNotice } from "@/components/chain/chain-unavailable-notice";
import { Refusals } from "@/components/auction/refusals";
import { LiveRefresh } from "@/components/live/live-refresh";
import { InvalidQuery } from "@/components/ui/invalid-query";
import { RefreshButton } from "@/components/ui/refresh-button";
import { auctionQuerySchema, getAuctionView } from "@/lib/auction/auction-view";
import { storedIndexState } from "@/lib/clusters/index-target";
import { getEnv, publicConfig } from "@/lib/env";
import { isChainUnavailable } from "@/lib/http/unavailable";
import { connectedAccount } from "@/lib/wallet/connected-account";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Auction" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuctionPage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = auctionQuerySchema.safeParse(await searchParams);
  if (!parsed.success) return <InvalidQuery error={parsed.error} back="/auction" backLabel="Back to the auction" />;
  let view;
  try {
    view = await getAuctionView(parsed.data, await connectedAccount());
  } catch (error) {
    if (!isChainUnavailable(error)) throw error;
    // Everything on this page is the auction contract's state: there is nothing stored to show.
    return (
      <div className="space-y-6">
        <AuctionHeading />
        <ChainUnavailableNotice {...await storedIndexState()}>The auction is read from the chain and is shown once it can be read.</ChainUnavailableNotice>
      </div>
    );
  }
  const config = publicConfig(getEnv());
  const network = {
    chainId: config.chainId,
    chainName: config.chainName,
    forkVersion: config.forkVersion,
    auction: config.auction,
    explorerUrl: config.explorerUrl,
  };

  return (
    <div className="space-y-6">
      <AuctionHeading />
      <LiveRefresh url="/api/auction?pageSize=1" stamp={view.stamp} />
      <AuctionParameters parameters={view.parameters} numBids={view.numBids} />
      <BidDesk parameters={view.parameters} ranking={view.ranking} account={view.account} network={network} />
      <RankingTable
        rows={view.rows}
        complete={view.complete}
        account={view.account?.address ?? null}
        page={view.page}
        pageSize={view.pageSize}
        total={view.total}
      />
      <Refusals />
    </div>
  );
}

function AuctionHeading() {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-semibold">Auction</h1>
      <RefreshButton />
    </div>
  );
}
