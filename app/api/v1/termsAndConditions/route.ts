import { syncRoutes } from "@/lib/sync/routes";

export const dynamic = "force-dynamic";

export const POST = syncRoutes.postTerms;
