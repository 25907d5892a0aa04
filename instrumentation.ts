export async function register() {
  // Written as a condition (not an early return) so the Edge build leaves the Node.js start-up out.
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}
