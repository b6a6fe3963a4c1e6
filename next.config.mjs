/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Says nothing an attacker needs to know; security headers are set by server.ts (they depend on runtime settings).
  poweredByHeader: false,
  // lib/http/portal-server.ts compresses, flushing each chunk of a streamed page.
  compress: false,
  experimental: { inlineCss: true },
  // `npm run dev` prints a 127.0.0.1 address and many type it: Next serves its development
  // resources (and so any JavaScript) only to the origins it knows, localhost by default.
  allowedDevOrigins: ["127.0.0.1"],
  // `npm run typecheck` checks types once in CI; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // pglite ships its WASM and data files next to its code; bundling them breaks their paths.
  // blst and secp256k1 load their native bindings (prebuilt .node files) at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@chainsafe/blst", "secp256k1"],
  // `charon dkg --publish --publish-address=<portal>/api/v1` replaces the URL's path with "lock"
  // (app/obolapi PublishLock), so its lock arrives at /lock; `charon exit` and `charon deposit`
  // do the same with their paths (docs/obol.md §Exits and deposits).
  async rewrites() {
    return [
      { source: "/lock", destination: "/api/v1/lock" },
      { source: "/exp/:path*", destination: "/api/v1/exp/:path*" },
      { source: "/deposit_data/:path*", destination: "/api/v1/deposit_data/:path*" },
    ];
  },
};

export default nextConfig;
