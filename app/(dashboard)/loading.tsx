import { PageSkeleton } from "@/components/ui/page-skeleton";

/** Skeleton while the server reads the chain. */
export default function Loading() {
  return <PageSkeleton label="Loading" cards={6} grid="grid-cols-2 sm:grid-cols-3 xl:grid-cols-6" />;
}
