import { activityRoutes } from "@/lib/activity/routes";

export const dynamic = "force-dynamic";

export const GET = activityRoutes.clusterActivity;
