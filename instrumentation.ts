export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { refuseForbiddenMethods } = await import('./lib/security/forbidden-methods');
  refuseForbiddenMethods();
  const { sandboxEnabled } = await import('./lib/sandbox/router');
  if (!sandboxEnabled()) return;
  const { bootstrapSandbox } = await import('./lib/sandbox/bootstrap');
  await bootstrapSandbox();
}
