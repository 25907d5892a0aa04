/**
 * Ports of the servers the tests and benchmarks start. `TEST_PORT_BASE`
 * moves them all, so that two checkouts can run their suites side by side.
 */
const base = Number(process.env.TEST_PORT_BASE || 3100);

export const TEST_PORTS = {
  contract: base + 1,
  e2e: base + 2,
  crash: base + 3,
  rateLimited: base + 4,
  /** A dashboard whose basemap is set to a tile server that does not answer. */
  deadTiles: base + 5,
  /** Where nothing listens: that tile server. */
  nothing: base + 6,
  /** Two dashboard instances on one store. */
  instanceA: base + 7,
  instanceB: base + 8,
  /** The contract suites' sandbox on PostgreSQL, and its crash test. */
  contractPostgres: base + 9,
  crashPostgres: base + 10,
  /** The benchmarks' servers. */
  bench: base + 20,
  benchBaseline: base + 21,
  benchSecond: base + 22,
};
