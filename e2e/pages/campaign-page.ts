import { expect, type Page, type Response } from '@playwright/test';
import type { ClusterResponse } from '@/lib/map-index/clusters';

/** A campaign's views (map, table, survey results) and the filter bar they share. */
export class CampaignPage {
  constructor(readonly page: Page, readonly campaignId: string) {}

  /** Opens the map and resolves with the first cluster response that carries data. */
  async openMap(query = ''): Promise<MapData> {
    const ready = this.waitForClusters();
    await this.page.goto(`/campaigns/${this.campaignId}/map${query}`);
    return ready;
  }

  /** The next cluster answer with data, for requests whose URL contains `including`. */
  waitForClusters(including = ''): Promise<MapData> {
    return this.page
      .waitForResponse(async (response: Response) => response.url().includes('/clusters?') && response.url().includes(including) && response.ok() && (await response.json()).state === 'ready')
      .then((response) => response.json());
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

  async filterBy(label: string, option: string) {
    await this.page.getByRole('search', { name: 'Filter interactions' }).getByLabel(label).selectOption({ label: option });
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
  }
}

export type MapData = Extract<ClusterResponse, { state: 'ready' }>;
