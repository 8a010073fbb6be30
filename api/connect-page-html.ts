// The connect page's HTML answer: its security headers and the company's allowed embedding origins
// written into the page. Pure, so the policy can be read (and tested) in one place.

/**
 * No inline script or style, everything from this origin; framed only by the company's allowed
 * origins ('none' without them: no link, an unknown or expired one, or none configured).
 */
export function connectPageCsp(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

export function connectPageHeaders(frameAncestors: readonly string[]): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': connectPageCsp(frameAncestors),
    'x-content-type-options': 'nosniff',
    // The link token is in the page's URL: no Referer may carry it anywhere.
    'referrer-policy': 'no-referrer',
    // Per link (the origins differ), and the URL holds a secret: never kept by a cache.
    'cache-control': 'no-store',
    // For browsers without frame-ancestors; it cannot name several origins, so only the refusal.
    ...(frameAncestors.length ? {} : { 'x-frame-options': 'DENY' }),
  };
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page learns whom it may tell about activation and disconnect (connect-page/src/embedder.ts). */
export function withEmbedOrigins(html: string, origins: readonly string[]): string {
  const meta = `<meta name="hr-connect-embed-origins" content="${escapeAttribute(JSON.stringify(origins))}" />`;
  return html.replace('</head>', `    ${meta}\n  </head>`);
}
