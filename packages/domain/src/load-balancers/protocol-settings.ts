// Which settings a balancer's protocol can honour. A TCP balancer relays bytes: it has no cookies to stick
// by, no request headers to add X-Forwarded-For to and no request to check a path with, so the renderers
// (haproxy.ts, nginx.ts) write these only for HTTP. Setting one on a TCP balancer is refused rather than
// stored and silently ignored.
import { domainError, fieldError } from "../errors";

/** The settings only an HTTP balancer honours, as the API names them. */
export const HTTP_ONLY_SETTINGS = ["stickyCookie", "forwardedFor", "healthCheck.path"] as const;
export type HttpOnlySetting = (typeof HTTP_ONLY_SETTINGS)[number];

/** The HTTP-only settings as a request gives them (absent: not given). */
export interface HttpOnlyGiven {
  stickyCookie?: string | null;
  forwardedFor?: boolean;
  healthCheck?: { path?: string | null };
}

/**
 * The first HTTP-only setting `given` sets to something a `protocol` balancer cannot honour: a sticky
 * cookie, X-Forwarded-For on, or a health check path on TCP; null when there is none. Turning one off
 * (null, false) is always allowed.
 */
export function httpOnlySettingOnTcp(protocol: string, given: HttpOnlyGiven): HttpOnlySetting | null {
  if (protocol !== "TCP") return null;
  if (given.stickyCookie != null) return "stickyCookie";
  if (given.forwardedFor === true) return "forwardedFor";
  if (given.healthCheck?.path != null) return "healthCheck.path";
  return null;
}

/**
 * Refuses (422 lb_http_only_on_tcp naming the field) an HTTP-only setting `given` for a `protocol` balancer
 * (httpOnlySettingOnTcp): a change of a balancer checks what it sets against the protocol it ends with.
 */
export function assertHttpOnlyFits(protocol: string, given: HttpOnlyGiven): void {
  const field = httpOnlySettingOnTcp(protocol, given);
  if (field) throw domainError("lb_http_only_on_tcp", { field }, { [field]: fieldError("http_only") });
}
