import { lockRoutes } from "@/lib/clusters/routes";

export const dynamic = "force-dynamic";

export const GET = lockRoutes.downloadLock;
