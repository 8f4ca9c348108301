import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("securityHeaders", () => {
  const page = securityHeaders({ surface: "page", nonce: "bm9uY2Utbm9uY2Utbm9uY2U=", https: false, dev: false });

  it("gives a page a nonce-based strict CSP with no inline script, eval, plugins, framing or foreign forms", () => {
    const csp = directives(page["Content-Security-Policy"]!);
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2Utbm9uY2Utbm9uY2U='", "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-bm9uY2Utbm9uY2Utbm9uY2U='"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(page["Content-Security-Policy"]).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("sets the same framing, sniffing, referrer and feature rules on pages and API answers", () => {
    const api = securityHeaders({ surface: "api", https: false, dev: false });
    for (const h of [page, api]) {
      expect(h).toMatchObject({
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
      });
      expect(h["Permissions-Policy"]).toBe("camera=(), microphone=(), geolocation=(), payment=(), usb=()");
      expect(h["Strict-Transport-Security"]).toBeUndefined();
    }
  });

  it("lets API answers do nothing in a browser and never be cached; pages leave caching to Next", () => {
    const api = securityHeaders({ surface: "api", https: false, dev: false });
    expect(api["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(api["Cache-Control"]).toBe("no-store");
    expect(page["Cache-Control"]).toBeUndefined();
  });

  it("adds HSTS for a year and upgrades insecure requests only over https", () => {
    const secure = securityHeaders({ surface: "page", nonce: "abc123abc123abc123", https: true, dev: false });
    expect(secure["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(secure["Content-Security-Policy"]).toMatch(/; upgrade-insecure-requests$/);
    expect(securityHeaders({ surface: "api", https: true, dev: false })["Strict-Transport-Security"]).toBe("max-age=31536000");
  });

  it("allows eval and inline styles under next dev only", () => {
    const dev = directives(contentSecurityPolicy({ surface: "page", nonce: "abc123abc123abc123", https: false, dev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("lets forms also post to the OIDC issuer, where sign-in redirects", () => {
    const csp = directives(
      contentSecurityPolicy({ surface: "page", nonce: "abc123abc123abc123", https: true, dev: false, formActionOrigins: ["https://sso.example.com"] }),
    );
    expect(csp.get("form-action")).toEqual(["'self'", "https://sso.example.com"]);
  });

  it("lets scripts also connect to the terminal gateway's WebSocket", () => {
    const csp = directives(
      contentSecurityPolicy({ surface: "page", nonce: "abc123abc123abc123", https: false, dev: false, connectOrigins: ["ws://localhost:3001"] }),
    );
    expect(csp.get("connect-src")).toEqual(["'self'", "ws://localhost:3001"]);
  });

  it("refuses to build a page policy without a nonce", () => {
    expect(() => securityHeaders({ surface: "page", https: false, dev: false })).toThrow(/nonce/);
  });
});
