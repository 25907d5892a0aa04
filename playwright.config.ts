import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { TEST_PORTS } from './lib/testing/ports';

export const E2E_PORT = TEST_PORTS.e2e;
const chromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // A third clock, neither the server's (UTC) nor any campaign's: a pass proves times follow the campaign.
    timezoneId: 'Asia/Tokyo',
    launchOptions: {
      // Debian's Chromium where it exists; Playwright's own browser elsewhere.
      executablePath: fs.existsSync(chromium) ? chromium : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
});
