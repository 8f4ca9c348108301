// Cross-site request forgery defence for /api/v1 (docs/security/browser.md). The session cookie is
// SameSite=Lax, which keeps it off cross-*site* posts only: a page on another port or subdomain of the
// portal's host is the same site and its forms carry the cookie. So a change made with the cookie must
// also prove it comes from the portal's own pages, as the OpenShift console's X-CSRFToken and Rancher's
// X-Api-Csrf do: OWASP's "custom request header" and "verifying origin with standard headers" defences.
import { domainError, fieldError, type FieldProblems } from "@capstan/domain";
import { httpOrigin, portalOrigin } from "./portal-origin";

/**
 * The header the portal's pages send with every change (api-client.ts). Its value is not checked: a page
 * on another origin cannot add any custom header to a request without a CORS preflight, which Capstan
 * never grants, and an HTML form cannot add headers at all.
 */
const CSRF_HEADER = "X-Capstan-Csrf";

/**
 * A bearer token, which `apiContext` then authenticates alone. Other schemes get no pass: a browser re-sends
 * Basic credentials (say, for a proxy in front of Capstan) by itself, like a cookie.
 */
const BEARER = /^bearer\s/i;

/** Methods that change nothing (RFC 9110 §9.2.1 "safe"), so need no proof. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a change (any method but GET, HEAD and OPTIONS) that is authenticated by the browser's session
 * cookie unless it carries `X-Capstan-Csrf` and comes from the portal's origin: its `Origin` header, or
 * its `Referer` when a browser sent no `Origin`, must equal `portalOrigin()`. Requests with
 * `Authorization: Bearer …` pass: `apiContext` then authenticates the token alone, which a browser never
 * adds by itself. Call it after authentication, so a request without credentials still gets 401.
 *
 * @throws DomainError 403 `csrf`, with `fields` naming each missing or wrong header.
 */
export function requireCsrfProof(request: Request, env: Record<string, string | undefined> = process.env): void {
  if (SAFE_METHODS.has(request.method.toUpperCase()) || BEARER.test(request.headers.get("authorization") ?? "")) return;
  const fields: FieldProblems = {};
  if (!request.headers.get(CSRF_HEADER)) fields[CSRF_HEADER] = fieldError("header_missing");
  const expected = portalOrigin(request.headers, request.url, env);
  const origin = request.headers.get("origin");
  const referer = request.headers.get("referer");
  if (origin === null && referer === null) fields.Origin = fieldError("origin_missing");
  else {
    // Referer counts only when no Origin was sent. "null" (a sandboxed frame, a file, some redirects) and
    // anything unparsable match nothing.
    const [name, sent] = origin !== null ? ["Origin", origin] : ["Referer", referer!];
    if (expected === null || httpOrigin(sent) !== expected)
      fields[name] = expected === null ? fieldError("origin_not_portal") : fieldError("origin_other", { origin: expected });
  }
  if (Object.keys(fields).length === 0) return;
  throw domainError("cross_site_request", { header: CSRF_HEADER }, fields);
}
