/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // `npm run typecheck` checks types once in CI; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // pglite ships its WASM and data files next to its code; bundling them breaks their paths.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
};

export default nextConfig;
