import { expect, type Locator, type Page } from '@playwright/test';

/** The Review tab: the queue, a shift's replay and its Resolve panel. */
export class ReviewPage {
  constructor(
    readonly page: Page,
    readonly campaignId: string,
  ) {}

  async openQueue(query = '') {
    await this.page.goto(`/campaigns/${this.campaignId}/review${query}`);
    await expect(this.queue()).toBeVisible({ timeout: 30_000 });
  }

  queue() {
    return this.page.getByRole('table', { name: 'Shifts to review' });
  }

  /** The queue's row whose reasons mention `rule`. */
  rowWithReason(rule: string): Locator {
    return this.queue().getByRole('row').filter({ hasText: rule }).first();
  }

  /** Opens the shift of the first row flagged by `rule`, and returns that row's texts. */
  async openShiftFlaggedBy(rule: string) {
    const row = this.rowWithReason(rule);
    const cells = await row.getByRole('cell').allInnerTexts();
    await row.getByRole('link').click();
    await expect(this.page.getByRole('heading', { name: 'Why this shift is here' })).toBeVisible();
    return { canvasser: cells[0]!, hours: cells[2]!, doors: Number(cells[3]) };
  }

  replay() {
    return this.page.getByRole('region', { name: 'Route replay of the shift' });
  }

  /** The numbered stops on the map, in the order they are drawn, as their titles. */
  async stops(): Promise<string[]> {
    await expect(this.replay().locator('[title^="Stop "]').first()).toBeVisible();
    return this.replay()
      .locator('[title^="Stop "]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('title') ?? ''));
  }

  interactions() {
    return this.page.getByRole('table', { name: 'Interactions of the shift' });
  }

  async resolve(decision: 'Looks fine' | 'Confirmed' | 'Recontact', reason: string, options: { untick?: number; share?: number } = {}) {
    await this.page.getByRole('radio', { name: new RegExp(`^${decision}`) }).check();
    if (options.untick !== undefined)
      await this.page
        .getByRole('group', { name: /Interactions to remove/ })
        .getByRole('checkbox')
        .nth(options.untick)
        .uncheck();
    if (options.share !== undefined) await this.page.getByLabel('Share of successful contacts to call (%)').fill(String(options.share));
    await this.page.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await this.page.getByRole('button', { name: /^Resolve as/ }).click();
  }

  status() {
    return this.page.getByRole('status').filter({ hasText: /Marked|Confirmed:|Call list/ });
  }
}
