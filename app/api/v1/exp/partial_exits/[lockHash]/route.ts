import { exitRoutes } from "@/lib/exits/routes";

export const dynamic = "force-dynamic";

export const POST = exitRoutes.postPartialExits;
