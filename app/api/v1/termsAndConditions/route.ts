import { syncRoutes } from "@/lib/clusters/routes";

export const dynamic = "force-dynamic";

export const POST = syncRoutes.postTerms;
