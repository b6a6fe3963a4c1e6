import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Read routes that the portal's server answers itself, before Next's routing. Next's handling of
 * a route (its request context, routing, response conversion) costs more than the portal's own
 * work for the hottest read: GET /api/clusters answers from a body kept per (head, store writes),
 * and Next's smallest route handler served barely more requests per second than it (README
 * §At scale). The handler is the route's own GET, registered by instrumentation.ts inside Next's
 * server (where its modules are built), so the answer is the same either way; in development
 * Next serves it, so edits reload.
 */
export type FastRoute = (request: Request) => Promise<Response>;

const holder = globalThis as { portalFastRoutes?: Map<string, FastRoute> };

export function registerFastRoutes(routes: Record<string, FastRoute>): void {
  holder.portalFastRoutes = new Map(Object.entries(routes));
}

/** The registered handler of `path` (exact path, query aside), if any. */
export function fastRoute(path: string): FastRoute | undefined {
  return holder.portalFastRoutes?.get(path);
}

/** Answers `request` with `route`: a fetch Request in, the Response written out (compressed by ./portal-server). */
export async function answerWithFastRoute(route: FastRoute, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const answer = await route(new Request(new URL(request.url ?? "/", "http://portal.internal"), { method: "GET", headers }));
  const body = new Uint8Array(await answer.arrayBuffer());
  answer.headers.forEach((value, name) => response.setHeader(name, value));
  response.setHeader("Content-Length", body.length);
  response.writeHead(answer.status);
  response.end(body);
}
