// RP-Initiated Logout (OpenID Connect RP-Initiated Logout 1.0): where sign-out sends a person who signed in
// through the identity provider, so the provider's session ends too.
import { oidc } from "@/auth";

let endpoint: Promise<string | null> | null = null;

/** The provider's end_session_endpoint from its discovery document; null when it has none (or it failed). */
async function endSessionEndpoint(issuer: string): Promise<string | null> {
  const res = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`the provider's discovery document answered ${res.status}`);
  const doc = (await res.json()) as { end_session_endpoint?: unknown };
  return typeof doc.end_session_endpoint === "string" ? doc.end_session_endpoint : null;
}

/**
 * The URL that ends the provider's session and then returns to `returnTo` (which must be registered at the
 * provider as a post-logout redirect URI), or null when single sign-on is off, the provider supports no
 * RP-initiated logout, or it cannot be reached (then Capstan's own session has still ended). The client id
 * identifies Capstan in place of an ID token hint, which Capstan does not keep.
 */
export async function endSessionUrl(returnTo: string): Promise<string | null> {
  if (!oidc) return null;
  endpoint ??= endSessionEndpoint(oidc.issuer).catch((e) => {
    console.error(`capstan oidc: no end_session_endpoint: ${e instanceof Error ? e.message : String(e)}`);
    endpoint = null; // ask again next time
    return null;
  });
  const found = await endpoint;
  if (!found) return null;
  const url = new URL(found);
  url.searchParams.set("client_id", oidc.clientId);
  url.searchParams.set("post_logout_redirect_uri", returnTo);
  return url.toString();
}
