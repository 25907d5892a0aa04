import { expect, type Page } from '@playwright/test';

/** The dashboard's sign-in page and the sandbox's Polis authorize page behind it. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async start(path = '/') {
    await this.page.goto(path);
    await expect(this.page).toHaveURL(/\/sign-in/);
    await this.page.getByRole('button', { name: 'Sign in with Polis' }).click();
    await expect(this.page.getByRole('heading', { name: 'Polis', exact: true })).toBeVisible();
  }

  async submitCredentials(email: string, password: string) {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** The whole flow; picks `organization` when the account has several. */
  async signIn(email: string, password: string, options: { path?: string; organization?: string } = {}) {
    await this.start(options.path);
    await this.submitCredentials(email, password);
    if (options.organization) {
      await this.page.getByRole('radio', { name: new RegExp(options.organization) }).check();
      await this.page.getByRole('button', { name: 'Continue' }).click();
    }
    await expect(this.page.getByLabel('Signed in as')).toBeVisible();
  }
}
