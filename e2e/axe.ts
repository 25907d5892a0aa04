/**
 * Accessibility as a check, not a hope: axe over the page as it stands,
 * failing on any serious or critical violation with what and where.
 *
 * @example
 *   await expectAccessible(page, 'the map');
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const BLOCKING = new Set(['serious', 'critical']);

export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
      count: violation.nodes.length,
    }));
}

/** Soft, so one run lists the violations of every page it visits. */
export async function expectAccessible(page: Page, where: string) {
  expect.soft(await seriousViolations(page), `serious or critical axe violations on ${where}`).toEqual([]);
}
