import { describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, ensureChromium, INSTALL_COMMAND, type ChromiumDeps } from './chromium';

function machine(options: { files?: string[]; isRoot?: boolean; aptInstalls?: boolean; aptFails?: boolean }) {
  const files = new Set(options.files ?? []);
  const ran: string[] = [];
  const deps: ChromiumDeps = {
    exists: (file) => files.has(file),
    isRoot: options.isRoot ?? false,
    run: (command, args) => {
      ran.push([command, ...args].join(' '));
      if (options.aptFails) return 100;
      if (args.includes('install') && options.aptInstalls) files.add(DEBIAN_CHROMIUM);
      return 0;
    },
    playwrightBrowser: () => '/home/me/.cache/ms-playwright/chromium/chrome',
    log: () => undefined,
  };
  return { deps, ran };
}

describe('ensureChromium', () => {
  it("uses Debian's chromium or Playwright's browser when either is there, installing nothing", () => {
    const debian = machine({ files: [DEBIAN_CHROMIUM, '/usr/bin/apt-get'], isRoot: true });
    expect(ensureChromium(debian.deps)).toEqual({ ok: true, browser: DEBIAN_CHROMIUM, installed: false });
    expect(debian.ran).toEqual([]);
    const playwright = machine({ files: ['/home/me/.cache/ms-playwright/chromium/chrome'] });
    expect(ensureChromium(playwright.deps)).toMatchObject({ ok: true, browser: '/home/me/.cache/ms-playwright/chromium/chrome' });
  });

  it("installs Debian's chromium as root on a fresh machine, updating apt's lists first", () => {
    const fresh = machine({ files: ['/usr/bin/apt-get'], isRoot: true, aptInstalls: true });
    expect(ensureChromium(fresh.deps)).toEqual({ ok: true, browser: DEBIAN_CHROMIUM, installed: true });
    expect(fresh.ran).toEqual(['env DEBIAN_FRONTEND=noninteractive apt-get update -qq', 'env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
  });

  it('stops at once with the one command to run when it may not install', () => {
    const user = machine({ files: ['/usr/bin/apt-get'], isRoot: false });
    const outcome = ensureChromium(user.deps);
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining(INSTALL_COMMAND) });
    expect(user.ran).toEqual([]);
    expect(ensureChromium(machine({}).deps)).toMatchObject({ ok: false, message: expect.stringContaining('npx playwright install chromium') });
  });

  it('says what to run when apt-get fails', () => {
    expect(ensureChromium(machine({ files: ['/usr/bin/apt-get'], isRoot: true, aptFails: true }).deps)).toMatchObject({
      ok: false,
      message: expect.stringContaining(INSTALL_COMMAND),
    });
  });
});
