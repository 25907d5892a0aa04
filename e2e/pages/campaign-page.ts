import { expect, type Page, type Response } from '@playwright/test';
import type { ClusterResponse } from '@/lib/map-index/clusters';

/** A campaign's views (map, table, survey results) and the filter bar they share. */
export class CampaignPage {
  constructor(
    readonly page: Page,
    readonly campaignId: string,
  ) {}

  /** Opens the map and resolves with the first cluster response that carries data. */
  async openMap(query = ''): Promise<MapData> {
    const ready = this.waitForClusters();
    await this.page.goto(`/campaigns/${this.campaignId}/map${query}`);
    return ready;
  }

  /** The next cluster answer with current data (not one a change behind, while new clusters are built), for requests whose URL contains `including`. */
  waitForClusters(including = ''): Promise<MapData> {
    const current = async (response: Response) => {
      if (!response.url().includes('/clusters?') || !response.url().includes(including) || !response.ok()) return false;
      const body = await response.json();
      return body.state === 'ready' && !body.refreshing;
    };
    return this.page.waitForResponse(current).then((response) => response.json());
  }

  map() {
    return this.page.getByRole('region', { name: "Map of the campaign's interactions" });
  }

  async openTable(query = '') {
    await this.page.goto(`/campaigns/${this.campaignId}/table${query}`);
    await expect(this.page.getByRole('table', { name: 'Interactions' })).toBeVisible();
  }

  table() {
    return this.page.getByRole('table', { name: 'Interactions' });
  }

  async total(): Promise<number> {
    return Number((await this.page.getByTestId('total').innerText()).replace(/,/g, ''));
  }

  filterBar() {
    return this.page.getByRole('search', { name: 'Filter interactions' });
  }

  /** The text of the option a filter select shows as chosen. */
  async chosen(label: string): Promise<string> {
    return (await this.filterBar().getByLabel(label, { exact: true }).locator('option:checked').innerText()).trim();
  }

  async openResults(query = '') {
    await this.page.goto(`/campaigns/${this.campaignId}/results${query}`);
    await expect(this.page.getByText(/Answers of the/)).toBeVisible();
  }

  /** The list beside the map. */
  inView() {
    return this.page.getByRole('list', { name: 'Interactions in view' });
  }

  async filterBy(label: string, option: string) {
    await this.page.getByRole('search', { name: 'Filter interactions' }).getByLabel(label, { exact: true }).selectOption({ label: option });
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
  }
}

export type MapData = Extract<ClusterResponse, { state: 'ready' }>;
