/**
 * Runs once when the server starts with the sandbox on: migrates, seeds the
 * default data set into an empty database, and registers the dashboard's
 * own OAuth client from the settings.
 */
import { openDatabase } from './db';
import { registerClient } from './oauth';
import { isSeeded, seedDatabase } from './seed/seed';
import { settings } from '@/lib/settings';

export async function bootstrapSandbox(): Promise<void> {
  const db = await openDatabase();
  if (!(await isSeeded(db))) {
    const summary = await seedDatabase(db);
    console.log(`Seeded the sandbox with ${summary.interactions} interactions and ${summary.contacts} contacts.`);
  }
  const redirectUris = [settings.redirectUri, settings.redirectUri.replace('//localhost:', '//127.0.0.1:')];
  await registerClient(db, { id: settings.clientId, name: 'Polis canvass dashboard', secret: settings.clientSecret, redirectUris: [...new Set(redirectUris)] });
}
