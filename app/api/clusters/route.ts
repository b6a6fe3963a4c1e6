import { dashboardJson, dashboardQuerySchema } from "@/lib/clusters/dashboard";
import { withErrors } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/clusters?view=mine|global&operator=0x…&page=1&sort=newest: what the dashboard shows. */
export const GET = withErrors(async (request: Request) => {
  const query = dashboardQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(await dashboardJson(query), { headers: { "content-type": "application/json" } });
});
