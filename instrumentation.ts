export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { refuseForbiddenMethods } = await import('./lib/security/forbidden-methods');
  refuseForbiddenMethods();
  const { checkServerSettings, SettingsError } = await import('./lib/settings');
  let sandboxEnabled: boolean;
  try {
    sandboxEnabled = checkServerSettings().sandboxEnabled;
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    // Next.js would log a failed hook and serve anyway: a server with bad settings must not start.
    console.error(error.message);
    process.exit(1);
  }
  if (!sandboxEnabled) return;
  const { bootstrapSandbox } = await import('./lib/sandbox/bootstrap');
  await bootstrapSandbox();
}
