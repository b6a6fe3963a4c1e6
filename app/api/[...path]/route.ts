import { jsonError } from "@/lib/http";

// Every /api path no route claims answers JSON, as clients such as Obol's SDK parse every error body.
const notFound = async () =>
  jsonError(404, "No API route has this path. The portal serves /api/clusters, /api/auction and Obol's API under /api/v1 (see README.md).");

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
