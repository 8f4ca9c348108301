// The portal's own origin, for the CSRF check (csrf.ts) and for knowing when it is served over https
// (security-headers.ts, via proxy.ts). No "server-only" import: proxy.ts runs outside React's server graph.

/**
 * The portal's origin (`scheme://host[:port]`) as the browser sees it.
 *
 * `CAPSTAN_PUBLIC_URL` wins when set (then `AUTH_URL`, which next-auth itself uses); otherwise it is
 * derived from the request as next-auth does with `trustHost: true` (@auth/core `createActionURL`): the
 * first `X-Forwarded-Host`, else `Host`; the first `X-Forwarded-Proto`, else the scheme the server was
 * reached by (`url`). Trusting these headers cannot help a forger: a page on another origin cannot set
 * them on a browser request without a CORS preflight, which Capstan never grants, and the `Host` of a
 * forged request is the portal's own.
 *
 * @returns the origin, or null when the request names no usable host.
 * @throws Error when `CAPSTAN_PUBLIC_URL` (or `AUTH_URL`) is set but is not an absolute http(s) URL.
 */
export function portalOrigin(headers: Headers, url: string, env: Record<string, string | undefined> = process.env): string | null {
  const configured = env.CAPSTAN_PUBLIC_URL || env.AUTH_URL;
  if (configured) {
    const origin = httpOrigin(configured);
    if (!origin) throw new Error(`CAPSTAN_PUBLIC_URL (or AUTH_URL) must be an absolute http(s) URL such as https://capstan.example.com, not "${configured}".`);
    return origin;
  }
  const host = first(headers.get("x-forwarded-host")) ?? headers.get("host");
  const scheme = first(headers.get("x-forwarded-proto")) ?? httpOrigin(url)?.split(":")[0];
  if (!host || !scheme) return null;
  return httpOrigin(`${scheme}://${host}`);
}

/** The origin of an absolute http(s) URL (scheme and host lower-cased, default port dropped), else null. */
export function httpOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The first value of a comma-separated forwarding header, as proxies append theirs to a client's. */
const first = (value: string | null) => value?.split(",")[0]?.trim() || null;
