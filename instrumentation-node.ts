/** Server start on Node.js: methods no route serves refused, settings checked, then the sandbox made ready when it is served. */
import { refuseForbiddenMethods } from './lib/security/forbidden-methods';
import { checkServerSettings, SettingsError } from './lib/settings';

refuseForbiddenMethods();

let sandboxEnabled: boolean;
try {
  sandboxEnabled = checkServerSettings().sandboxEnabled;
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  // Next.js would log a failed hook and serve anyway: a server with bad settings must not start.
  console.error(error.message);
  process.exit(1);
}
if (sandboxEnabled) {
  const { bootstrapSandbox } = await import('./lib/sandbox/bootstrap');
  await bootstrapSandbox();
}
