/**
 * The security headers of every page and route: a Content-Security-Policy
 * whose scripts need this response's nonce (Next.js puts it on its own
 * scripts), no framing, no sniffing, a strict referrer, no powerful browser
 * features, and HSTS when the dashboard is served over https.
 *
 * @example
 *   const policy = contentSecurityPolicy({ nonce, tileUrl: settings.tileUrl });
 *   for (const [name, value] of Object.entries(securityHeaders({ appUrl: settings.appUrl }))) response.headers.set(name, value);
 */

/** The origin the map's tiles come from, as a CSP source; `{s}` subdomains become a wildcard. */
export function tileSource(tileUrl: string): string | null {
  if (!tileUrl) return null;
  const match = /^(https?:)\/\/([^/?#]+)/.exec(tileUrl.trim());
  if (!match) return null;
  const host = match[2]!.replace(/^\{s\}\./, '*.');
  // A host with other placeholders cannot be named in a policy: allow the scheme's hosts rather than break the map.
  return /[{}]/.test(host) ? match[1]! : `${match[1]}//${host}`;
}

export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

export function contentSecurityPolicy({ nonce, tileUrl, dev = false }: { nonce: string; tileUrl: string; dev?: boolean }): string {
  const tiles = tileSource(tileUrl);
  return [
    "default-src 'self'",
    // 'strict-dynamic': the chunks Next.js loads from its nonced scripts run; no other script does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src-elem 'self' 'nonce-${nonce}'${dev ? " 'unsafe-inline'" : ''}`,
    // React renders style attributes (bar widths, map sizes) and Leaflet positions by style: attributes only, never <style>.
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy of a route's JSON: it loads nothing and is never framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Puts the security headers on an answer: `policy` when given (the proxy's,
 * with a page's nonce), else the answer's own or that of JSON, which is how
 * the routes that skip the proxy (see proxy.ts) carry them.
 */
export function withSecurityHeaders(response: Response, { appUrl, policy }: { appUrl: string; policy?: string }): Response {
  if (policy) response.headers.set('Content-Security-Policy', policy);
  else if (!response.headers.has('Content-Security-Policy')) response.headers.set('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
  for (const [name, value] of Object.entries(securityHeaders({ appUrl }))) response.headers.set(name, value);
  return response;
}

/** The headers every response carries besides the policy. */
export function securityHeaders({ appUrl }: { appUrl: string }): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // The map asks for nothing; the browser may offer none of these.
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    // For browsers older than frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (appUrl.startsWith('https://')) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
