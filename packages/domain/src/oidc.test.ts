import { describe, expect, it } from "vitest";
import { OidcConfigError, oidcClaimsProblem, oidcRoles, oidcSettingsFromEnv, parseOidcRoleMap } from "./oidc";

const BASE = { CAPSTAN_OIDC_ISSUER: "https://id.example.com", CAPSTAN_OIDC_CLIENT_ID: "capstan", CAPSTAN_OIDC_CLIENT_SECRET: "s3cret" };

describe("parseOidcRoleMap", () => {
  it("reads platform and department roles, split at ; and line breaks", () => {
    expect(parseOidcRoleMap("capstan-admins=PLATFORM_ADMIN; sre = OPS\nretail-devs=retail:DEVELOPER;")).toEqual([
      { value: "capstan-admins", grant: { kind: "platform", role: "PLATFORM_ADMIN" } },
      { value: "sre", grant: { kind: "platform", role: "OPS" } },
      { value: "retail-devs", grant: { kind: "department", department: "retail", role: "DEVELOPER" } },
    ]);
  });

  it("splits at the last =, so an LDAP DN can be the claim value", () => {
    expect(parseOidcRoleMap("cn=leads,ou=groups,dc=corp=finance:DEPARTMENT_ADMIN")).toEqual([
      { value: "cn=leads,ou=groups,dc=corp", grant: { kind: "department", department: "finance", role: "DEPARTMENT_ADMIN" } },
    ]);
  });

  it.each([
    ["admins", /entry 1 \("admins"\) has no "="/],
    ["=OPS", /entry 1 .* has no claim value/],
    ["a=OPS;b=ROOT", /entry 2 \("b=ROOT"\): "ROOT" is not a role: use PLATFORM_ADMIN, OPS or <department>:DEPARTMENT_ADMIN\|DEVELOPER\|VIEWER/],
    ["a=Retail:VIEWER", /"Retail" is not a department name/],
    ["a=retail:OWNER", /"OWNER" is not a department role: use DEPARTMENT_ADMIN, DEVELOPER, VIEWER/],
    ["a=ops", /"ops" is not a role/],
    [" ; ", /has no entries/],
  ])("refuses %j with a message naming the entry", (text, message) => {
    expect(() => parseOidcRoleMap(text)).toThrow(OidcConfigError);
    expect(() => parseOidcRoleMap(text)).toThrow(message);
  });
});

describe("oidcSettingsFromEnv", () => {
  it("is null without an issuer, and reads the rest with defaults", () => {
    expect(oidcSettingsFromEnv({})).toBeNull();
    expect(oidcSettingsFromEnv(BASE)).toEqual({
      issuer: "https://id.example.com",
      clientId: "capstan",
      clientSecret: "s3cret",
      name: "SSO",
      scopes: "openid email profile",
      roleClaim: null,
      roleMap: null,
    });
  });

  it("reads the role claim and its map together", () => {
    const s = oidcSettingsFromEnv({
      ...BASE,
      CAPSTAN_OIDC_NAME: "Corp ID",
      CAPSTAN_OIDC_SCOPES: " openid  email groups ",
      CAPSTAN_OIDC_ROLE_CLAIM: "groups",
      CAPSTAN_OIDC_ROLE_MAP: "x=OPS",
    });
    expect(s).toMatchObject({
      name: "Corp ID",
      scopes: "openid email groups",
      roleClaim: "groups",
      roleMap: [{ value: "x", grant: { kind: "platform", role: "OPS" } }],
    });
  });

  it.each([
    [{ CAPSTAN_OIDC_ISSUER: "id.example.com" }, /CAPSTAN_OIDC_ISSUER \("id.example.com"\) is not a URL/],
    [{ CAPSTAN_OIDC_ISSUER: "ftp://id.example.com" }, /must be an https URL, not ftp:/],
    [{ CAPSTAN_OIDC_ISSUER: "https://id.example.com/?tenant=1" }, /no query/],
    [{ CAPSTAN_OIDC_CLIENT_ID: "" }, /CAPSTAN_OIDC_CLIENT_ID is not set/],
    [{ CAPSTAN_OIDC_CLIENT_SECRET: undefined }, /CAPSTAN_OIDC_CLIENT_SECRET is not set/],
    [{ CAPSTAN_OIDC_ROLE_CLAIM: "groups" }, /CAPSTAN_OIDC_ROLE_CLAIM is set but CAPSTAN_OIDC_ROLE_MAP is not/],
    [{ CAPSTAN_OIDC_ROLE_MAP: "x=OPS" }, /CAPSTAN_OIDC_ROLE_MAP is set but CAPSTAN_OIDC_ROLE_CLAIM is not/],
    [{ CAPSTAN_OIDC_ROLE_CLAIM: "groups", CAPSTAN_OIDC_ROLE_MAP: "x=GOD" }, /"GOD" is not a role/],
    [{ CAPSTAN_OIDC_SCOPES: "email groups" }, /CAPSTAN_OIDC_SCOPES \("email groups"\) must include openid/],
  ])("refuses %j", (changes, message) => {
    expect(() => oidcSettingsFromEnv({ ...BASE, ...changes })).toThrow(message);
  });
});

describe("oidcClaimsProblem", () => {
  const ok = { email: "ana@corp.test", email_verified: true, groups: ["a"] };
  it("accepts a verified email, and the role claim as a string or an array of strings (even empty)", () => {
    expect(oidcClaimsProblem(ok, "groups")).toBeNull();
    expect(oidcClaimsProblem({ ...ok, groups: "a" }, "groups")).toBeNull();
    expect(oidcClaimsProblem({ ...ok, groups: [] }, "groups")).toBeNull();
    expect(oidcClaimsProblem({ email: "ana@corp.test", email_verified: true }, null)).toBeNull();
  });

  it.each([
    [{ ...ok, email: undefined }, "email-missing"],
    [{ ...ok, email: " " }, "email-missing"],
    [{ ...ok, email_verified: false }, "email-unverified"],
    [{ ...ok, email_verified: "true" }, "email-unverified"], // only the boolean true counts
    [{ ...ok, email_verified: undefined }, "email-unverified"],
    [{ ...ok, groups: undefined }, "role-claim-missing"],
    [{ ...ok, groups: null }, "role-claim-missing"],
    [{ ...ok, groups: [1] }, "role-claim-malformed"],
    [{ ...ok, groups: { a: true } }, "role-claim-malformed"],
  ])("refuses %j as %s", (claims, reason) => {
    expect(oidcClaimsProblem(claims, "groups")).toBe(reason);
  });
});

describe("oidcRoles", () => {
  const map = parseOidcRoleMap("admins=PLATFORM_ADMIN; sre=OPS; retail-devs=retail:DEVELOPER; retail-leads=retail:DEPARTMENT_ADMIN; audit=finance:VIEWER");

  it("grants the strongest role at each level and names what the map owns", () => {
    const r = oidcRoles(map, ["sre", "admins", "retail-devs", "retail-leads", "unmapped"]);
    expect(r.platformRole).toBe("PLATFORM_ADMIN");
    expect(r.ownsPlatformRole).toBe(true);
    expect([...r.departments]).toEqual([["retail", "DEPARTMENT_ADMIN"]]);
    expect(r.ownedDepartments).toEqual(["retail", "finance"]);
  });

  it("grants nothing for no matching value, compared exactly", () => {
    const r = oidcRoles(map, "Admins");
    expect(r.platformRole).toBeNull();
    expect(r.departments.size).toBe(0);
  });

  it("does not own the platform role when the map names none", () => {
    expect(oidcRoles(parseOidcRoleMap("d=retail:VIEWER"), ["d"]).ownsPlatformRole).toBe(false);
  });
});
