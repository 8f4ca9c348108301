// Where browsers reach the terminal gateway (apps/gateway; docs/terminal.md): the ticket route hands them its
// URL, and the Content-Security-Policy's connect-src allows its origin. No "server-only" import: proxy.ts uses it.
import { portalOrigin } from "./portal-origin";

/**
 * The gateway's base WebSocket URL (`ws[s]://host[:port][/path]`, no trailing slash).
 *
 * `CAPSTAN_GATEWAY_URL` wins when set (a gateway behind the portal's proxy, e.g. `wss://capstan.example.com/gateway`);
 * otherwise it is the portal's own host (portalOrigin) at `CAPSTAN_GATEWAY_PORT` (3001), `wss` when the portal is
 * served over https.
 *
 * @returns the URL, or null when the request names no usable host.
 * @throws Error when `CAPSTAN_GATEWAY_URL` is set but is not an absolute ws(s) or http(s) URL.
 */
export function gatewayUrl(headers: Headers, url: string, env: Record<string, string | undefined> = process.env): string | null {
  const configured = env.CAPSTAN_GATEWAY_URL;
  if (configured) {
    let parsed: URL;
    try {
      parsed = new URL(configured);
    } catch {
      throw new Error(`CAPSTAN_GATEWAY_URL must be an absolute ws(s) URL such as wss://capstan.example.com/gateway, not "${configured}".`);
    }
    const scheme = { "ws:": "ws:", "wss:": "wss:", "http:": "ws:", "https:": "wss:" }[parsed.protocol];
    if (!scheme) throw new Error(`CAPSTAN_GATEWAY_URL must be an absolute ws(s) URL such as wss://capstan.example.com/gateway, not "${configured}".`);
    parsed.protocol = scheme;
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
  }
  const origin = portalOrigin(headers, url, env);
  if (!origin) return null;
  const portal = new URL(origin);
  return `${portal.protocol === "https:" ? "wss" : "ws"}://${portal.hostname}:${env.CAPSTAN_GATEWAY_PORT ?? "3001"}`;
}

/** The gateway's origin for CSP connect-src (`ws[s]://host:port`), or null (see gatewayUrl). */
export function gatewayOrigin(headers: Headers, url: string, env: Record<string, string | undefined> = process.env): string | null {
  const base = gatewayUrl(headers, url, env);
  return base ? base.replace(/^(wss?:\/\/[^/]+).*$/, "$1") : null;
}
