// Single sign-ons that next-auth (oauth4webapi) refuses before Capstan sees any claims: an ID token from
// another issuer, an expired one, a bad signature or nonce, or an error answer from the provider. next-auth
// sends them all to /sign-in?error=Configuration and only logs the cause; this module reads the cause from
// next-auth's logger, within the callback request, so the person is told what went wrong
// (/sign-in?error=sso-<reason>) and the refusal is audited (auth.sso-refused).
import { AsyncLocalStorage } from "node:async_hooks";
import type { OidcRefusal } from "@capstan/domain";

interface Pending {
  reason?: OidcRefusal;
  claims?: Record<string, unknown>;
}

const pending = new AsyncLocalStorage<Pending>();

/**
 * Why next-auth refused an OIDC callback, from the error its logger is given, or null for errors that are
 * not about the provider's answer. Reads oauth4webapi's error codes (OAUTH_…), e.g.
 * OAUTH_JWT_CLAIM_COMPARISON_FAILED with claim "iss", OAUTH_JWT_TIMESTAMP_CHECK_FAILED with claim "exp".
 */
export function classifyOidcError(error: unknown): { reason: OidcRefusal; claims?: Record<string, unknown> } | null {
  const e = error as { type?: string; cause?: { err?: unknown } } | null;
  if (e?.type === "OAuthCallbackError") return { reason: "provider-error" };
  if (e?.type !== "CallbackRouteError") return null;
  const inner = e.cause?.err as { code?: unknown; cause?: { claim?: string; claims?: Record<string, unknown> } } | undefined;
  // By its code, not its class name: the portal's build minifies class names.
  if (typeof inner?.code !== "string" || !inner.code.startsWith("OAUTH_")) return { reason: "provider-error" };
  const claims = inner.cause?.claims;
  if (inner.code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" && inner.cause?.claim === "iss") return { reason: "issuer-mismatch", claims };
  if (inner.code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED" && inner.cause?.claim === "exp") return { reason: "id-token-expired", claims };
  return { reason: "id-token-invalid", claims };
}

/** For next-auth's `logger.error`: remembers why the current OIDC callback failed, if it is one. */
export function noteOidcError(error: unknown): void {
  const store = pending.getStore();
  const found = store && !store.reason ? classifyOidcError(error) : null;
  if (found) Object.assign(store!, found);
}

/**
 * Runs next-auth's handler for an OIDC callback request; when it refused the provider's answer, sends the
 * browser to /sign-in?error=sso-<reason> instead and calls `audit` with the reason and the ID token's
 * claims when they could be read (they are not trusted: they only help find the person in the audit log).
 */
export async function withOidcRefusals(
  handle: () => Promise<Response>,
  audit: (reason: OidcRefusal, claims: Record<string, unknown> | null) => Promise<void>,
): Promise<Response> {
  const store: Pending = {};
  const response = await pending.run(store, handle);
  const location = response.headers.get("location");
  if (!store.reason || !location || !/[?&]error=/.test(location)) return response;
  await audit(store.reason, store.claims ?? null);
  const headers = new Headers(response.headers);
  headers.set("location", new URL(`/sign-in?error=sso-${store.reason}`, location).toString());
  return new Response(null, { status: response.status, headers });
}
