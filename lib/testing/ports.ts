/**
 * Ports of the servers the tests start. `TEST_PORT_BASE` moves them all, so
 * that two checkouts can run their suites side by side.
 */
const base = Number(process.env.TEST_PORT_BASE || 3100);

export const TEST_PORTS = { contract: base + 1, e2e: base + 2, crash: base + 3, rateLimited: base + 4 };
