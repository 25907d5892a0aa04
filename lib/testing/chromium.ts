/**
 * Makes sure the browser tests have a Chromium before they start, so that
 * the README's `npm test` needs no other step on a fresh machine: Debian's
 * `/usr/bin/chromium` or Playwright's own browser when either is there; else,
 * as root with apt, Debian's `chromium` is installed; else the test command
 * stops at once with the one command to run.
 *
 * @example
 *   const outcome = await ensureChromium(systemDeps());
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';

export type ChromiumDeps = {
  exists: (file: string) => boolean;
  isRoot: boolean;
  /** Runs a command with its output shown; resolves with its exit code. */
  run: (command: string, args: string[]) => number;
  playwrightBrowser: () => string | null;
  log: (line: string) => void;
};

export type ChromiumOutcome = { ok: true; browser: string; installed: boolean } | { ok: false; message: string };

export function ensureChromium(deps: ChromiumDeps): ChromiumOutcome {
  const present = () => [DEBIAN_CHROMIUM, deps.playwrightBrowser()].find((file): file is string => !!file && deps.exists(file));
  const found = present();
  if (found) return { ok: true, browser: found, installed: false };
  const missing = `No Chromium for the browser tests (looked for ${DEBIAN_CHROMIUM} and Playwright's browser).`;
  if (!deps.isRoot || !deps.exists('/usr/bin/apt-get')) {
    return {
      ok: false,
      message: `${missing}\nInstall it with this one command, then run npm test again:\n  ${deps.exists('/usr/bin/apt-get') ? INSTALL_COMMAND : 'npx playwright install chromium'}`,
    };
  }
  deps.log(`${missing} Installing Debian's chromium with apt-get…`);
  const env = ['DEBIAN_FRONTEND=noninteractive'];
  if (deps.run('env', [...env, 'apt-get', 'update', '-qq']) !== 0 || deps.run('env', [...env, 'apt-get', 'install', '-y', '-qq', 'chromium']) !== 0) {
    return { ok: false, message: `${missing}\napt-get could not install chromium; run this, then npm test again:\n  ${INSTALL_COMMAND}` };
  }
  const installed = present();
  return installed
    ? { ok: true, browser: installed, installed: true }
    : { ok: false, message: `${missing}\napt-get installed chromium but ${DEBIAN_CHROMIUM} is still missing.` };
}

export function systemDeps(playwrightBrowser: () => string | null): ChromiumDeps {
  return {
    exists: (file) => fs.existsSync(file),
    isRoot: process.getuid?.() === 0,
    run: (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1,
    playwrightBrowser,
    log: (line) => console.log(line),
  };
}
