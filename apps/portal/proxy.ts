// Next.js Proxy (Next 16's name for middleware), before Next's router: paths and queries that cannot be
// right are refused (path-guard.ts), and every response gets the security headers, with a fresh CSP nonce
// per page, which Next reads back from the request's Content-Security-Policy header and puts on its own
// scripts (Next's "Content Security Policy" guide). Every page is dynamically rendered, as nonces need.
import { type NextRequest, NextResponse } from "next/server";
import { pathRefusal } from "@/lib/server/path-guard";
import { gatewayOrigin } from "@/lib/server/gateway-url";
import { httpOrigin, portalOrigin } from "@/lib/server/portal-origin";
import { securityHeaders } from "@/lib/server/security-headers";

/** The OIDC issuer's origin, where the sign-in form's redirect goes (CSP form-action covers redirects). */
const oidcOrigin = process.env.CAPSTAN_OIDC_ISSUER ? httpOrigin(process.env.CAPSTAN_OIDC_ISSUER) : null;

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const surface = path === "/api/v1" || path.startsWith("/api/v1/") ? "api" : "page";
  const gateway = surface === "page" ? gatewayOrigin(request.headers, request.url) : null;
  const nonce = surface === "page" ? Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64") : undefined;
  const headers = securityHeaders({
    surface,
    nonce,
    https: portalOrigin(request.headers, request.url)?.startsWith("https:") ?? false,
    dev: process.env.NODE_ENV === "development",
    formActionOrigins: oidcOrigin ? [oidcOrigin] : [],
    connectOrigins: gateway ? [gateway] : [],
  });
  let response = pathRefusal(request);
  if (!response) {
    const forwarded = new Headers(request.headers);
    if (nonce) forwarded.set("content-security-policy", headers["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
