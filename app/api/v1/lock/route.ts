import { lockRoutes } from "@/lib/locks/routes";

export const dynamic = "force-dynamic";

export const POST = lockRoutes.postLock;
