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

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export async function seriousViolations(page: Page) {
  const everything = await new AxeBuilder({ page }).withTags(TAGS).disableRules(['target-size']).analyze();
  // Map markers may crowd (WCAG 2.5.8 exempts them: the list beside the map reaches every point by keyboard); every other target may not.
  const targets = await new AxeBuilder({ page }).withRules(['target-size']).exclude('.leaflet-marker-pane').analyze();
  return [...everything.violations, ...targets.violations]
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
      count: violation.nodes.length,
    }));
}

/**
 * Soft, so one run lists the violations of every page it visits. The page's title comes with its
 * streamed metadata, after the content: axe reads the page once the title is there (a page that
 * never gets one fails here, by name).
 */
export async function expectAccessible(page: Page, where: string) {
  await expect.soft(page, `a page title on ${where}`).toHaveTitle(/\S/);
  expect.soft(await seriousViolations(page), `serious or critical axe violations on ${where}`).toEqual([]);
}
