import { exitRoutes } from "@/lib/exits/routes";

export const dynamic = "force-dynamic";

export const DELETE = exitRoutes.deletePartialExit;
