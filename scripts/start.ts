/**
 * npm start: builds if the sources changed, migrates, seeds an empty
 * database, serves the dashboard on PORT, and prints the URL, the demo
 * logins and a bearer token for the demo organizer.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { closeDatabases, dataDirectory, openDatabase } from '@/lib/sandbox/db';
import { DEMO_PASSWORD, DEMO_USERS, isSeeded, seedDatabase } from '@/lib/sandbox/seed/seed';
import { loadSettings, SettingsError, type Settings } from '@/lib/settings';

const root = path.resolve(import.meta.dirname, '..');
let settings: Settings;
try {
  settings = loadSettings();
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const port = String(settings.port);
// The server gets the settings as resolved here, so both sides agree on port and URL.
const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, NEXTAUTH_URL: settings.appUrl };

/** Sessions survive restarts: the generated secret is kept beside the SQLite database (or in data/). */
function authSecret(): string {
  if (settings.authSecret) return settings.authSecret;
  const file = path.join(dataDirectory(), 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(
    ...['app', 'components', 'lib'].map((dir) => newestSource(path.join(root, dir))),
    ...['package.json', 'next.config.js', 'proxy.ts', 'instrumentation.ts', 'instrumentation-node.ts'].map(
      (file) => fs.statSync(path.join(root, file)).mtimeMs,
    ),
  );
  if (built > sources) return;
  console.log('Building the dashboard (next build)…');
  const result = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

env.NEXTAUTH_SECRET = authSecret();
buildIfNeeded();

let token: string | undefined;
if (settings.sandboxEnabled) {
  const db = await openDatabase();
  if (!(await isSeeded(db))) {
    console.log('Seeding the sandbox with the demo data set…');
    await seedDatabase(db);
  }
  token = (await issueAccessTokenForEmail(db, DEMO_USERS.organizer)) ?? undefined;
  await closeDatabases();
}

const server = spawn('npx', ['next', 'start', '-p', port], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

const url = env.NEXTAUTH_URL!;
for (let i = 0; i < 120; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}

// The first readiness check starts loading the campaigns' recent index snapshots.
await fetch(`http://127.0.0.1:${port}/api/health/ready`).catch(() => undefined);

console.log(`
  Polis canvass review is running at ${url}
`);
if (token) {
  console.log(`  Demo logins (password for all: ${DEMO_PASSWORD})
    ${DEMO_USERS.organizer.padEnd(32)} organizer: reads, corrects and enters interactions (two organizations)
    ${DEMO_USERS.viewer.padEnd(32)} viewer: reads only
    ${DEMO_USERS.otherOrganizer.padEnd(32)} organizer of another customer (Front Range Votes)

  Sandbox API root: ${url}/api/polis
  Bearer token for ${DEMO_USERS.organizer} (valid 8 hours):
    ${token}

  Try it:
    curl -H "Authorization: Bearer ${token}" '${url}/api/polis/v1/campaigns'
`);
}
