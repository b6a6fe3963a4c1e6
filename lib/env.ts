// The portal's configuration for code inside Next (pages, route handlers, server components):
// the guard makes a client component that imports it fail the build, so no secret such as
// CREATOR_PRIVATE_KEY can reach a browser bundle. Code that runs outside Next's react-server
// condition (server.ts, instrumentation.ts, lib/db, scripts), where the guard throws, imports
// ./env-node directly.
import "server-only";

export * from "./env-node";
