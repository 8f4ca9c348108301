// The security headers of every response (set by proxy.ts; docs/security/browser.md says why each is
// there and how to allow a new script or style source). Pure: no request, clock or environment.

/** What is being answered: a page (HTML, its assets, next-auth's routes) or the JSON REST API. */
export type Surface = "page" | "api";

export type SecurityHeaderOptions = {
  surface: Surface;
  /** The per-response nonce of a page's scripts and styles (base64, ≥128 random bits); pages only. */
  nonce?: string;
  /** Served over https (directly or behind a proxy that says so): adds HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** `next dev`: React needs eval for its debugging aids and Next injects styles without the nonce. */
  dev: boolean;
  /** Origins forms may also post to: the OIDC issuer, where sign-in redirects the browser. */
  formActionOrigins?: readonly string[];
  /** Origins scripts may also connect to: the terminal gateway's WebSocket (gateway-url.ts). */
  connectOrigins?: readonly string[];
};

/**
 * Headers for one response, by name.
 *
 * - Pages get a nonce-based strict CSP (Next.js's "Content Security Policy" guide; CSP Level 3
 *   `'strict-dynamic'`, so chunks that trusted scripts load are trusted too). `style-src-attr
 *   'unsafe-inline'` admits React's `style={…}` attributes (meter widths), which cannot run script.
 * - The API gets a policy that allows nothing, and `Cache-Control: no-store` (its answers hold data
 *   that a shared or back-forward cache must not keep).
 * - Both: no framing (`frame-ancestors 'none'` and X-Frame-Options for older browsers), no MIME sniffing,
 *   no full URLs in cross-origin Referers, no powerful browser features, a browsing-context group of
 *   their own (COOP), and HSTS (RFC 6797) only over https, since browsers ignore it over http.
 *
 * @throws Error when a page is asked for without a nonce.
 */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (options.https) headers["Strict-Transport-Security"] = `max-age=${HSTS_MAX_AGE_SECONDS}`;
  if (options.surface === "api") headers["Cache-Control"] = "no-store";
  return headers;
}

/** One year, the value HSTS preload lists ask for; no includeSubDomains, as other hosts are not ours. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** The Content-Security-Policy value for `options` (see `securityHeaders`). */
export function contentSecurityPolicy({ surface, nonce, https, dev, formActionOrigins = [], connectOrigins = [] }: SecurityHeaderOptions): string {
  if (surface === "api") return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  if (!nonce) throw new Error("A page's Content-Security-Policy needs a nonce.");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectOrigins].join(" "),
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formActionOrigins].join(" "),
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
