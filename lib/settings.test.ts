import { describe, expect, it } from 'vitest';
import { checkServerSettings, readSettings, SettingsError } from './settings';

describe('the settings', () => {
  it('default to the sandbox served by this app', () => {
    const settings = readSettings({});
    expect(settings).toMatchObject({
      port: 3000,
      polisApiUrl: 'http://127.0.0.1:3000/api/polis',
      sandboxEnabled: true,
      appUrl: 'http://localhost:3000',
      authUrl: 'http://localhost:3000',
    });
    expect(settings.redirectUri).toBe('http://localhost:3000/api/auth/callback/polis');
  });

  it('treat an empty value as unset, except the basemap, where empty means none', () => {
    expect(readSettings({ POLIS_API_URL: '', PORT: '', MAP_TILE_URL: '' })).toMatchObject({ sandboxEnabled: true, port: 3000, tileUrl: '' });
  });

  it('stop serving the sandbox once a real Polis API is named, unless SANDBOX says otherwise', () => {
    expect(readSettings({ POLIS_API_URL: 'https://api.polisapp.com/' })).toMatchObject({ sandboxEnabled: false, polisApiUrl: 'https://api.polisapp.com' });
    expect(readSettings({ POLIS_API_URL: 'https://api.polisapp.com', SANDBOX: 'on' }).sandboxEnabled).toBe(true);
    expect(readSettings({ SANDBOX: 'off' }).sandboxEnabled).toBe(false);
  });

  it("keep the dashboard's own records in the sandbox's file unless STORE_DATABASE_URL names PostgreSQL or another file", () => {
    expect(readSettings({}).storeDatabaseUrl).toBe('file:data/polis.sqlite');
    expect(readSettings({ DATABASE_URL: 'file:/srv/polis.sqlite' }).storeDatabaseUrl).toBe('file:/srv/polis.sqlite');
    expect(readSettings({ STORE_DATABASE_URL: 'postgres://dashboard@db/dashboard' }).storeDatabaseUrl).toBe('postgres://dashboard@db/dashboard');
    expect(readSettings({ STORE_DATABASE_URL: 'file:data/dashboard.sqlite' }).storeDatabaseUrl).toBe('file:data/dashboard.sqlite');
  });

  it('run the sandbox on PostgreSQL when DATABASE_URL names one, the store with it unless STORE_DATABASE_URL says otherwise', () => {
    expect(readSettings({}).databaseUrl).toBe('file:data/polis.sqlite');
    const onPostgres = readSettings({ DATABASE_URL: 'postgres://polis:secret@db.internal:5432/polis' });
    expect(onPostgres).toMatchObject({
      databaseUrl: 'postgres://polis:secret@db.internal:5432/polis',
      storeDatabaseUrl: 'postgres://polis:secret@db.internal:5432/polis',
    });
    expect(readSettings({ DATABASE_URL: 'postgresql://db/polis', STORE_DATABASE_URL: 'file:data/dashboard.sqlite' })).toMatchObject({
      databaseUrl: 'postgresql://db/polis',
      storeDatabaseUrl: 'file:data/dashboard.sqlite',
    });
  });

  it('refuse a malformed setting with a message naming it', () => {
    const failure = (env: Record<string, string>) => {
      try {
        readSettings(env);
      } catch (error) {
        expect(error).toBeInstanceOf(SettingsError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(failure({ PORT: 'eighty' })).toMatch(/PORT: must be a port number/);
    expect(failure({ SANDBOX: 'yes' })).toMatch(/SANDBOX: must be on or off/);
    expect(failure({ POLIS_API_URL: 'api.polisapp.com' })).toMatch(/POLIS_API_URL: must be an http\(s\) URL/);
    expect(failure({ DATABASE_URL: 'postgres:///polis' })).toMatch(/DATABASE_URL: is not a valid postgres:\/\/ URL/);
    expect(failure({ DATABASE_URL: 'mysql://db/polis' })).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL, a file: URL or a path/);
    expect(failure({ STORE_DATABASE_URL: 'mysql://db/dashboard' })).toMatch(/STORE_DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(failure({ NEXTAUTH_SECRET: 'short' })).toMatch(/NEXTAUTH_SECRET: must be at least 16 characters/);
    expect(failure({ PORT: '0', SANDBOX: 'maybe' })).toMatch(/PORT.*\n.*SANDBOX/);
  });

  it('refuse to serve in production without a session key, naming the setting', () => {
    expect(() => checkServerSettings(readSettings({}), true)).toThrow(/NEXTAUTH_SECRET: is required/);
    expect(checkServerSettings(readSettings({ NEXTAUTH_SECRET: 'a-long-enough-secret' }), true).authSecret).toBe('a-long-enough-secret');
    expect(checkServerSettings(readSettings({}), false).authSecret).toBeUndefined();
  });
});
