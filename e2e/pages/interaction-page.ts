import { expect, type Page } from '@playwright/test';

/** An interaction's detail page and its correction form. */
export class InteractionPage {
  constructor(
    readonly page: Page,
    readonly campaignId: string,
    readonly interactionId: string,
  ) {}

  get path() {
    return `/campaigns/${this.campaignId}/interactions/${this.interactionId}`;
  }

  async open() {
    await this.page.goto(this.path);
    await expect(this.page.getByRole('list', { name: 'Survey answers' })).toBeVisible();
  }

  async openCorrection() {
    await this.page.goto(`${this.path}/edit`);
    await expect(this.page.getByRole('form', { name: 'Correct the interaction' })).toBeVisible();
  }

  answer(questionText: string) {
    return this.page.getByRole('group', { name: questionText });
  }

  async save(reason: string) {
    await this.page.getByLabel('Reason for the correction').fill(reason);
    await this.page.getByRole('button', { name: 'Save correction' }).click();
  }
}
