import { DomainError } from "@capstan/domain";
import { describe, expect, it } from "vitest";
import { requireCsrfProof } from "./csrf";
import { portalOrigin } from "./portal-origin";

const PORTAL = "http://portal.test:3000";
const noEnv = {};

/** A request as `next start` hands it to a route handler: URL from the listener, headers from the client. */
const request = (method: string, headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/v1/systems/shop/applications/web/groups/g/restart", { method, headers: { host: "portal.test:3000", ...headers } });

/** The DomainError that `requireCsrfProof` throws, or undefined when it lets the request through. */
function refusal(r: Request, env: Record<string, string> = noEnv): DomainError | undefined {
  try {
    requireCsrfProof(r, env);
    return undefined;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
}

describe("requireCsrfProof", () => {
  it("lets a cookie-authenticated change from the portal's pages through", () => {
    expect(refusal(request("POST", { origin: PORTAL, "x-capstan-csrf": "1" }))).toBeUndefined();
    expect(refusal(request("DELETE", { origin: PORTAL, "x-capstan-csrf": "1" }))).toBeUndefined();
    expect(refusal(request("PATCH", { referer: `${PORTAL}/systems/shop`, "x-capstan-csrf": "1" }))).toBeUndefined();
  });

  it("refuses a form post from another origin, whatever it encodes, with 403 csrf naming what is missing", () => {
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"]) {
      const e = refusal(request("POST", { origin: "http://portal.test:8080", "content-type": type }));
      expect(e).toMatchObject({ status: 403, code: "csrf", fields: { "X-Capstan-Csrf": "is missing", Origin: `must be ${PORTAL}` } });
      expect(e!.message).toContain("X-Capstan-Csrf");
    }
  });

  it("needs both the header and the origin", () => {
    expect(refusal(request("POST", { origin: PORTAL }))?.fields).toEqual({ "X-Capstan-Csrf": "is missing" });
    expect(refusal(request("POST", { "x-capstan-csrf": "1" }))?.fields).toEqual({ Origin: "is missing (and so is Referer)" });
    expect(refusal(request("POST", { origin: "null", "x-capstan-csrf": "1" }))?.fields).toEqual({ Origin: `must be ${PORTAL}` });
    expect(refusal(request("POST", { referer: "http://evil.test/p", "x-capstan-csrf": "1" }))?.fields).toEqual({ Referer: `must be ${PORTAL}` });
    // Origin wins over a Referer that would have matched.
    expect(refusal(request("POST", { origin: "http://evil.test", referer: `${PORTAL}/`, "x-capstan-csrf": "1" }))?.fields).toEqual({
      Origin: `must be ${PORTAL}`,
    });
    // Another scheme or port of the same host is another origin.
    expect(refusal(request("POST", { origin: "https://portal.test:3000", "x-capstan-csrf": "1" }))?.code).toBe("csrf");
    expect(refusal(request("PUT", { origin: "http://portal.test", "x-capstan-csrf": "1" }))?.code).toBe("csrf");
  });

  it("asks nothing of safe methods or of bearer-token requests", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(refusal(request(method, { origin: "http://evil.test" }))).toBeUndefined();
    expect(refusal(request("POST", { authorization: "Bearer cap_x" }))).toBeUndefined();
    // Basic credentials are ambient too: browsers re-send them unasked.
    expect(refusal(request("POST", { authorization: "Basic dTpw", origin: "http://evil.test" }))?.code).toBe("csrf");
  });

  it("compares with CAPSTAN_PUBLIC_URL when it is set", () => {
    const env = { CAPSTAN_PUBLIC_URL: "https://capstan.example.com/" };
    expect(refusal(request("POST", { origin: "https://capstan.example.com", "x-capstan-csrf": "1" }), env)).toBeUndefined();
    expect(refusal(request("POST", { origin: PORTAL, "x-capstan-csrf": "1" }), env)?.fields).toEqual({ Origin: "must be https://capstan.example.com" });
  });
});

describe("portalOrigin", () => {
  const h = (headers: Record<string, string>) => new Headers(headers);

  it("is Host with the scheme the server was reached by", () => {
    expect(portalOrigin(h({ host: "portal.test:3000" }), "http://0.0.0.0:3000/x", noEnv)).toBe(PORTAL);
    expect(portalOrigin(h({ host: "PORTAL.test:80" }), "http://localhost/x", noEnv)).toBe("http://portal.test");
  });

  it("trusts the first X-Forwarded-Host and X-Forwarded-Proto, as next-auth does with trustHost", () => {
    const behind = h({ host: "10.0.0.5:3000", "x-forwarded-host": "capstan.example.com, 10.0.0.1", "x-forwarded-proto": "https,http" });
    expect(portalOrigin(behind, "http://10.0.0.5:3000/x", noEnv)).toBe("https://capstan.example.com");
  });

  it("prefers CAPSTAN_PUBLIC_URL, then AUTH_URL, and refuses one that is not an http(s) URL", () => {
    const headers = h({ host: "portal.test:3000" });
    expect(portalOrigin(headers, "http://x/", { CAPSTAN_PUBLIC_URL: "https://a.example/base", AUTH_URL: "https://b.example" })).toBe("https://a.example");
    expect(portalOrigin(headers, "http://x/", { AUTH_URL: "https://b.example:8443/api/auth" })).toBe("https://b.example:8443");
    expect(() => portalOrigin(headers, "http://x/", { CAPSTAN_PUBLIC_URL: "capstan.example.com" })).toThrow(/CAPSTAN_PUBLIC_URL/);
  });

  it("is null when the request names no host", () => {
    expect(portalOrigin(h({}), "http://localhost/x", noEnv)).toBeNull();
    expect(portalOrigin(h({ host: "a b" }), "http://localhost/x", noEnv)).toBeNull();
  });
});
