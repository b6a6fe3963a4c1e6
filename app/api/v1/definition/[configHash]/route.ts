import { syncRoutes } from "@/lib/clusters/routes";

export const dynamic = "force-dynamic";

export const GET = syncRoutes.getDefinition;
export const PUT = syncRoutes.putDefinition;
