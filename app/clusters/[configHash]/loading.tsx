import { PageSkeleton } from "@/components/ui/page-skeleton";

/** Skeleton while the server reads the cluster's chain state: the page's frame paints at once. */
export default function Loading() {
  return <PageSkeleton label="Loading the cluster" cards={4} grid="grid-cols-2 sm:grid-cols-4" />;
}
