// A deadline on the calls next-auth makes to the identity provider: discovery, JWKS and the token endpoint
// (sign-out's own discovery call has one already, oidc-logout.ts). A provider that accepts a connection and
// never answers would otherwise hold a sign-in, and a server worker, for as long as the socket lives.

/** How long one call to the identity provider may take, in milliseconds, answer included. */
export const OIDC_CALL_DEADLINE_MS = 10_000;

/**
 * `fetch` with a deadline of `ms` milliseconds for the whole exchange (headers and body): past it, the
 * request and any body still being read reject with a DOMException named "TimeoutError". A signal the
 * caller passes still aborts it earlier (its reason is kept).
 */
export function fetchWithDeadline(ms: number): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
  };
}
