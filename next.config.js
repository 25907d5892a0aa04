/** @type {import('next').NextConfig} */
const nextConfig = {
  // The sandbox keeps its data in SQLite through the native better-sqlite3 addon.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // The build's static files skip the proxy (which sets every other header); they still must not be sniffed.
  async headers() {
    return [{ source: '/_next/static/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] }];
  },
};

export default nextConfig;
