import { PageSkeleton } from "@/components/ui/page-skeleton";

/** Skeleton while the server reads the auction from the chain: the page's frame paints at once. */
export default function Loading() {
  return (
    <PageSkeleton
      label="Loading the auction"
      heading={<h1 className="text-2xl font-semibold">Auction</h1>}
      cards={4}
      grid="grid-cols-2 sm:grid-cols-4"
    />
  );
}
