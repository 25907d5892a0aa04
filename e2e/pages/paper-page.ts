import { expect, type Page } from '@playwright/test';

/** The paper loop of a campaign: the printable walk sheet, the entry grid and the import. */
export class PaperPage {
  constructor(
    readonly page: Page,
    readonly campaignId: string,
  ) {}

  async openSheet(query = '') {
    await this.page.goto(`/campaigns/${this.campaignId}/sheets${query}`);
    await expect(this.page.getByRole('article', { name: 'Walk sheet' })).toBeVisible();
  }

  /** The sheet's addresses, top to bottom. */
  async sheetAddresses(): Promise<string[]> {
    return this.page.getByRole('article', { name: 'Walk sheet' }).locator('tbody tr td:nth-child(3)').allInnerTexts();
  }

  async openGrid(query = '') {
    await this.page.goto(`/campaigns/${this.campaignId}/sheets/grid${query}`);
    await expect(this.grid()).toBeVisible();
  }

  grid() {
    return this.page.getByRole('table', { name: 'Sheet entry grid' });
  }

  cell(label: string, row: number) {
    return this.grid().getByLabel(`${label}, row ${row}`, { exact: true });
  }

  rowState(row: number) {
    return this.grid()
      .locator('tbody tr')
      .nth(row - 1)
      .getByTestId('row-state');
  }

  async openImport() {
    await this.page.goto(`/campaigns/${this.campaignId}/import`);
    await expect(this.page.getByRole('heading', { name: 'Import visits from a file' })).toBeVisible();
  }

  async chooseFile(name: string, text: string) {
    await this.page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await expect(this.page.getByLabel('Preview summary')).toBeVisible();
  }

  async send() {
    await this.page.getByRole('button', { name: /^Send \d+ rows/ }).click();
    await expect(this.page.getByRole('link', { name: 'Download the result (CSV)' })).toBeVisible({ timeout: 30_000 });
  }
}
