/** @type {import('next').NextConfig} */
const nextConfig = {
  // The sandbox keeps its data in SQLite through the native better-sqlite3 addon.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
};

export default nextConfig;
