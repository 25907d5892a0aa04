/**
 * The dashboard's settings, read from the environment with working defaults
 * for the sandbox. `.env.example` documents each one.
 */
const env = process.env;

export const settings = {
  port: Number(env.PORT || 3000),
  /** Where the dashboard itself is reached; next-auth's callback URLs hang off it. */
  get appUrl() {
    return (env.NEXTAUTH_URL || `http://localhost:${this.port}`).replace(/\/+$/, '');
  },
  /** Root of the OAuth authorize page: Polis's `https://knock.polisapp.com`, or this app. */
  get authUrl() {
    return (env.POLIS_AUTH_URL || this.appUrl).replace(/\/+$/, '');
  },
  clientId: env.POLIS_CLIENT_ID || 'polis-dashboard',
  clientSecret: env.POLIS_CLIENT_SECRET || 'polis-dashboard-sandbox-secret',
  /** Basemap tiles; empty draws the data on a plain background (as on CI, where tiles cannot load). */
  tileUrl: env.MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  tileAttribution: env.MAP_TILE_ATTRIBUTION ?? '&copy; OpenStreetMap contributors',
  /** Requests per minute per token the sandbox answers before a 429; 0 (the default) simulates no limit. */
  get sandboxRateLimit() {
    const value = Number(process.env.SANDBOX_RATE_LIMIT || 0);
    return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
  },
  get redirectUri() {
    return `${this.appUrl}/api/auth/callback/polis`;
  },
};
