import { expect, type Page } from '@playwright/test';

/** The Canvassers tab, a canvasser's row, and the Today view. */
export class CanvassersPage {
  constructor(
    readonly page: Page,
    readonly campaignId: string,
  ) {}

  async open(query = '') {
    await this.page.goto(`/campaigns/${this.campaignId}/canvassers${query}`);
  }

  table() {
    return this.page.getByRole('table', { name: 'Canvassers' });
  }

  /** A canvasser's row as its cells' text: Canvasser, Attempts, Doors, Contacts, Contact rate, Doors per hour, Survey completion, Shifts, First seen, Last seen, Open flags. */
  async row(name: string): Promise<string[]> {
    const row = this.table()
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) });
    await expect(row).toHaveCount(1);
    return (await row.getByRole('cell').allInnerTexts()).map((text) => text.trim());
  }

  async attemptsOf(name: string): Promise<number> {
    // The first visit may find the campaign still being indexed; the table comes when it is done.
    await expect(this.table()).toBeVisible({ timeout: 30_000 });
    const row = this.table()
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) });
    if ((await row.count()) === 0) return 0;
    return Number((await this.row(name))[1]);
  }

  async openToday() {
    await this.page.goto(`/campaigns/${this.campaignId}/today`);
    await expect(this.page.getByRole('list', { name: 'Latest visits' })).toBeVisible();
  }

  feed() {
    return this.page.getByRole('list', { name: 'Latest visits' });
  }
}
