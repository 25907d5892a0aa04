import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, securityHeaders, tileSource } from './headers';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('contentSecurityPolicy', () => {
  it("lets only this response's nonced scripts run and forbids framing", () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123', tileUrl: '' }));
    expect(policy['script-src']).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('allows images from the tile host of the setting, subdomains included', () => {
    expect(directives(contentSecurityPolicy({ nonce: 'n', tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }))['img-src']).toContain(
      'https://tile.openstreetmap.org',
    );
    expect(tileSource('https://{s}.tiles.example.com/{z}/{x}/{y}.png?key=1')).toBe('https://*.tiles.example.com');
    expect(tileSource('https://tiles-{s}.example.com/{z}/{x}/{y}.png')).toBe('https:');
    expect(tileSource('')).toBeNull();
  });

  it('makes a fresh nonce each time', () => {
    expect(createNonce()).not.toBe(createNonce());
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('securityHeaders', () => {
  it('sends HSTS only when the public URL is https', () => {
    expect(securityHeaders({ appUrl: 'https://canvass.example.org' })['Strict-Transport-Security']).toMatch(/max-age=\d{8}/);
    expect(securityHeaders({ appUrl: 'http://localhost:3000' })).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders({ appUrl: 'http://localhost:3000' })).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
    });
  });
});
