/**
 * Runs before `npm test`: the browser tests need a Chromium (see lib/testing/chromium.ts).
 */
import { chromium } from '@playwright/test';
import { ensureChromium, systemDeps } from '@/lib/testing/chromium';

const outcome = ensureChromium(
  systemDeps(() => {
    try {
      return chromium.executablePath();
    } catch {
      return null;
    }
  }),
);
if (!outcome.ok) {
  console.error(outcome.message);
  process.exit(1);
}
if (outcome.installed) console.log(`Chromium installed: ${outcome.browser}`);
