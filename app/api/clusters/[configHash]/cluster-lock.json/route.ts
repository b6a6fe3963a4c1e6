import { lockRoutes } from "@/lib/locks/routes";

export const dynamic = "force-dynamic";

export const GET = lockRoutes.downloadLock;
