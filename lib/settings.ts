/**
 * The dashboard's settings: the one reader of the environment. Each variable
 * is validated with zod the first time settings are read (and at server
 * start, by `instrumentation.ts`), so a malformed one stops the start with a
 * message that names it. Defaults work with the sandbox; `.env.example`
 * documents each one.
 *
 * @example
 *   settings.polisApiUrl;        // 'http://127.0.0.1:3000/api/polis' with no settings
 *   readSettings({ PORT: 'x' }); // throws SettingsError: "PORT: …"
 */
import { z } from 'zod';

const DEFAULT_DATABASE_URL = 'file:data/polis.sqlite';

/** Unset and empty mean the same for most settings (the tiles are the exception: empty means none). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
/**
 * A database: `postgres://user:password@host:5432/name` (or `postgresql://`), a `file:` URL, or a path.
 * A PostgreSQL URL must parse and name a host, so a typo stops the start instead of the first request.
 */
const databaseUrl = z
  .string()
  .refine(
    (url) => /^postgres(ql)?:\/\//.test(url) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^(file|sqlite):/.test(url),
    'must be a postgres:// URL, a file: URL or a path',
  )
  .refine(
    (url) => !/^postgres(ql)?:\/\//.test(url) || (URL.canParse(url) && new URL(url).hostname !== ''),
    'is not a valid postgres:// URL (postgres://user:password@host:5432/database)',
  );
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((url) => url.replace(/\/+$/, ''));

const EnvironmentSchema = z.object({
  PORT: optional(z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(1).max(65_535)).transform((port) => port ?? 3000),
  /** The sandbox's database: a SQLite file (by default), or a PostgreSQL database. */
  DATABASE_URL: optional(databaseUrl).transform((url) => url ?? DEFAULT_DATABASE_URL),
  /** The dashboard's own records: a PostgreSQL URL in production, or a SQLite file (by default the sandbox's). */
  STORE_DATABASE_URL: optional(databaseUrl),
  POLIS_API_URL: optional(httpUrl),
  POLIS_AUTH_URL: optional(httpUrl),
  POLIS_CLIENT_ID: optional(z.string()).transform((id) => id ?? 'polis-dashboard'),
  POLIS_CLIENT_SECRET: optional(z.string()).transform((secret) => secret ?? 'polis-dashboard-sandbox-secret'),
  NEXTAUTH_URL: optional(httpUrl),
  NEXTAUTH_SECRET: optional(z.string().min(16, 'must be at least 16 characters')),
  /** next-auth's newer name for the same key. */
  AUTH_SECRET: optional(z.string().min(16, 'must be at least 16 characters')),
  SANDBOX: optional(z.enum(['on', 'off'], { error: 'must be on or off' })),
  MAP_TILE_URL: z.string().optional(),
  MAP_TILE_ATTRIBUTION: z.string().optional(),
  SANDBOX_RATE_LIMIT: optional(
    z.coerce.number({ error: 'must be a whole number of requests per minute' }).int('must be a whole number of requests per minute').min(0),
  ).transform((limit) => limit ?? 0),
});

export class SettingsError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid settings (see .env.example):\n  ${issues.join('\n  ')}`);
    this.name = 'SettingsError';
  }
}

export type Settings = ReturnType<typeof readSettings>;

/** Validates `env` and derives the settings; throws a `SettingsError` naming every bad variable. */
export function readSettings(env: Record<string, string | undefined>) {
  const parsed = EnvironmentSchema.safeParse(env);
  if (!parsed.success) throw new SettingsError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const e = parsed.data;
  const appUrl = e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    /** The sandbox's database: a SQLite file, or a PostgreSQL database (`postgres://…`). */
    databaseUrl: e.DATABASE_URL,
    /** Where the dashboard keeps its own records (corrections, review resolutions, index snapshots): `STORE_DATABASE_URL`, or the sandbox's file. */
    storeDatabaseUrl: e.STORE_DATABASE_URL ?? e.DATABASE_URL,
    /** Root of the Polis API: `POLIS_API_URL`, or this app's own sandbox. */
    polisApiUrl: e.POLIS_API_URL ?? `http://127.0.0.1:${e.PORT}/api/polis`,
    /** Whether this app serves the sandbox API: by default only when no real Polis API is configured. */
    sandboxEnabled: e.SANDBOX === undefined ? e.POLIS_API_URL === undefined : e.SANDBOX === 'on',
    /** Where the dashboard itself is reached; next-auth's callback URLs hang off it. */
    appUrl,
    /** Root of the OAuth authorize page: Polis's `https://knock.polisapp.com`, or this app. */
    authUrl: e.POLIS_AUTH_URL ?? appUrl,
    redirectUri: `${appUrl}/api/auth/callback/polis`,
    clientId: e.POLIS_CLIENT_ID,
    clientSecret: e.POLIS_CLIENT_SECRET,
    /** Key of the session cookie and of the sandbox's sign-in tickets; `npm start` generates one. */
    authSecret: e.NEXTAUTH_SECRET ?? e.AUTH_SECRET,
    /** Basemap tiles; empty draws the data on a plain background (as on CI, where tiles cannot load). */
    tileUrl: e.MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    tileAttribution: e.MAP_TILE_ATTRIBUTION ?? '&copy; OpenStreetMap contributors',
    /** Requests per minute per token the sandbox answers before a 429; 0 simulates no limit. */
    sandboxRateLimit: e.SANDBOX_RATE_LIMIT,
  };
}

let current: Settings | undefined;

/** The process's settings, validated on first read. */
export function loadSettings(): Settings {
  current ??= readSettings(process.env);
  return current;
}

/**
 * The settings a server needs to start: all of them valid, and in production
 * a session key (without one next-auth would fail at the first sign-in instead).
 */
export function checkServerSettings(loaded: Settings = loadSettings(), production = process.env.NODE_ENV === 'production'): Settings {
  if (production && !loaded.authSecret) throw new SettingsError(['NEXTAUTH_SECRET: is required to serve the dashboard (npm start generates one)']);
  return loaded;
}

/** The settings, read lazily so that importing this module never throws before start-up checks them. */
export const settings: Readonly<Settings> = new Proxy({} as Settings, {
  get: (_target, key) => loadSettings()[key as keyof Settings],
});
