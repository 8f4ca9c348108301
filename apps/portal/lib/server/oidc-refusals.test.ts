import { describe, expect, it } from "vitest";
import { classifyOidcError, noteOidcError, withOidcRefusals } from "./oidc-refusals";

/** next-auth's CallbackRouteError around an oauth4webapi error, as the minified build has them (class names mangled). */
function callbackError(code: string | undefined, cause: object = {}) {
  const inner = Object.assign(new Error("unexpected JWT claim"), { name: "aD", code, cause });
  return Object.assign(new Error("Read more at https://errors.authjs.dev#callbackrouteerror"), {
    name: "n",
    type: "CallbackRouteError",
    cause: { err: inner },
  });
}

describe("classifyOidcError", () => {
  const claims = { sub: "ana", email: "ana@corp.test" };
  it("reads the issuer and expiry checks by oauth4webapi's codes, whatever the class is called", () => {
    expect(classifyOidcError(callbackError("OAUTH_JWT_CLAIM_COMPARISON_FAILED", { claim: "iss", claims }))).toEqual({ reason: "issuer-mismatch", claims });
    expect(classifyOidcError(callbackError("OAUTH_JWT_TIMESTAMP_CHECK_FAILED", { claim: "exp", claims }))).toEqual({ reason: "id-token-expired", claims });
    expect(classifyOidcError(callbackError("OAUTH_JWT_CLAIM_COMPARISON_FAILED", { claim: "nonce", claims }))).toEqual({ reason: "id-token-invalid", claims });
  });

  it("calls anything else in the callback a provider error, and ignores errors that are not the callback's", () => {
    expect(classifyOidcError(callbackError(undefined))).toEqual({ reason: "provider-error" });
    expect(classifyOidcError(Object.assign(new Error("x"), { type: "OAuthCallbackError" }))).toEqual({ reason: "provider-error" });
    expect(classifyOidcError(Object.assign(new Error("x"), { type: "MissingCSRF" }))).toBeNull();
    expect(classifyOidcError(new Error("plain"))).toBeNull();
  });
});

describe("withOidcRefusals", () => {
  const redirect = (location: string) => new Response(null, { status: 302, headers: { location, "set-cookie": "a=1" } });

  it("sends a refused callback to the sign-in page's own message and audits it", async () => {
    const audited: unknown[] = [];
    const res = await withOidcRefusals(
      async () => {
        noteOidcError(callbackError("OAUTH_JWT_TIMESTAMP_CHECK_FAILED", { claim: "exp", claims: { sub: "bo" } }));
        return redirect("http://localhost:3000/sign-in?error=Configuration");
      },
      async (reason, claims) => void audited.push([reason, claims]),
    );
    expect(res.headers.get("location")).toBe("http://localhost:3000/sign-in?error=sso-id-token-expired");
    expect(res.headers.get("set-cookie")).toBe("a=1");
    expect(audited).toEqual([["id-token-expired", { sub: "bo" }]]);
  });

  it("leaves a successful callback alone, and notes nothing outside one", async () => {
    noteOidcError(callbackError("OAUTH_JWT_TIMESTAMP_CHECK_FAILED", { claim: "exp" })); // no callback running: ignored
    const audited: unknown[] = [];
    const res = await withOidcRefusals(
      async () => redirect("http://localhost:3000/"),
      async (r) => void audited.push(r),
    );
    expect(res.headers.get("location")).toBe("http://localhost:3000/");
    expect(audited).toEqual([]);
  });
});
