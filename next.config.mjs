/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // pglite ships its WASM and data files next to its code; bundling them breaks their paths.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  webpack: (config) => {
    // Optional dependencies of wallet SDKs that are never used in the browser or on the server.
    config.externals.push("pino-pretty", "lokijs", "encoding");
    return config;
  },
};

export default nextConfig;
