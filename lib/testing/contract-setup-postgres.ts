/** Vitest global setup of the `contract-postgres` project: the contract suites against a sandbox on PostgreSQL. */
import type { TestProject } from 'vitest/node';
import { setupContract } from './contract-setup';

export default function setup(project: TestProject) {
  return setupContract(project, 'postgres');
}
