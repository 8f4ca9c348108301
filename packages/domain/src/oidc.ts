// Single sign-on through OpenID Connect: the operator's settings (CAPSTAN_OIDC_*), the mapping of one ID
// token claim to Capstan roles, and which ID tokens are refused (docs/security/oidc.md).
import type { DepartmentRole, PlatformRole } from "./access";
import { DNS_LABEL } from "./names";

/** A role one claim value grants: the platform role, or a role in one department (by its name). */
export type OidcGrant = { kind: "platform"; role: PlatformRole } | { kind: "department"; department: string; role: DepartmentRole };

/** CAPSTAN_OIDC_ROLE_MAP parsed: which claim value grants which role, in the order written. */
export type OidcRoleMap = readonly { value: string; grant: OidcGrant }[];

/** The single sign-on settings; `roleClaim` and `roleMap` are both set or both absent. */
export interface OidcSettings {
  /** The issuer URL exactly as the provider's discovery document and ID tokens state it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the sign-in button calls the provider ("Continue with …"). */
  name: string;
  /** The scopes asked for, space-separated; always includes openid (CAPSTAN_OIDC_SCOPES, default "openid email profile"). */
  scopes: string;
  /** The ID token claim whose values are mapped to roles (e.g. `groups`): a string or an array of strings. */
  roleClaim: string | null;
  roleMap: OidcRoleMap | null;
}

/** Why an ID token's claims, or the provider's answer, are refused; shown as `/sign-in?error=sso-<reason>`. */
export const OIDC_REFUSALS = [
  "email-missing",
  "email-unverified",
  "role-claim-missing",
  "role-claim-malformed",
  "disabled",
  "issuer-mismatch",
  "id-token-expired",
  "id-token-invalid",
  "provider-error",
] as const;
export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

export const isOidcRefusal = (s: string): s is OidcRefusal => (OIDC_REFUSALS as readonly string[]).includes(s);

/** A setting the portal cannot start with; the message names the variable and says what is wrong. */
export class OidcConfigError extends Error {}

const PLATFORM_ROLES: readonly PlatformRole[] = ["PLATFORM_ADMIN", "OPS"];
const DEPARTMENT_ROLES: readonly DepartmentRole[] = ["DEPARTMENT_ADMIN", "DEVELOPER", "VIEWER"];

/**
 * Parses CAPSTAN_OIDC_ROLE_MAP: entries separated by `;` or line breaks, each `<claim value>=<role>`, where
 * the role is `PLATFORM_ADMIN`, `OPS`, or `<department>:DEPARTMENT_ADMIN|DEVELOPER|VIEWER` (the REST API's
 * role names). An entry is split at its last `=`, so claim values may contain `=` and `,` (LDAP DNs do);
 * write a value once per role to grant several. Throws OidcConfigError naming the entry for anything else.
 */
export function parseOidcRoleMap(text: string): OidcRoleMap {
  const entries: { value: string; grant: OidcGrant }[] = [];
  const parts = text.split(/[;\n]/).map((s) => s.trim());
  parts.forEach((entry, i) => {
    if (entry === "") return;
    const where = `CAPSTAN_OIDC_ROLE_MAP entry ${i + 1} ("${entry}")`;
    const eq = entry.lastIndexOf("=");
    if (eq < 0)
      throw new OidcConfigError(`${where} has no "=": write <claim value>=<role>, e.g. capstan-admins=PLATFORM_ADMIN or retail-devs=retail:DEVELOPER`);
    const value = entry.slice(0, eq).trim();
    const role = entry.slice(eq + 1).trim();
    if (value === "") throw new OidcConfigError(`${where} has no claim value before "="`);
    entries.push({ value, grant: parseGrant(role, where) });
  });
  if (entries.length === 0) throw new OidcConfigError("CAPSTAN_OIDC_ROLE_MAP has no entries: write <claim value>=<role>; …");
  return entries;
}

function parseGrant(role: string, where: string): OidcGrant {
  const colon = role.indexOf(":");
  if (colon < 0) {
    if ((PLATFORM_ROLES as readonly string[]).includes(role)) return { kind: "platform", role: role as PlatformRole };
    throw new OidcConfigError(`${where}: "${role}" is not a role: use ${PLATFORM_ROLES.join(", ")} or <department>:${DEPARTMENT_ROLES.join("|")}`);
  }
  const department = role.slice(0, colon);
  const name = role.slice(colon + 1);
  if (!DNS_LABEL.test(department) || department.length > 63) throw new OidcConfigError(`${where}: "${department}" is not a department name (a DNS label)`);
  if (!(DEPARTMENT_ROLES as readonly string[]).includes(name))
    throw new OidcConfigError(`${where}: "${name}" is not a department role: use ${DEPARTMENT_ROLES.join(", ")}`);
  return { kind: "department", department, role: name as DepartmentRole };
}

/**
 * The single sign-on settings from the environment, or null when CAPSTAN_OIDC_ISSUER is unset. Throws
 * OidcConfigError when the issuer is not an http(s) URL, the client id or secret is missing, only one of
 * CAPSTAN_OIDC_ROLE_CLAIM and CAPSTAN_OIDC_ROLE_MAP is set, or the map does not parse.
 */
export function oidcSettingsFromEnv(env: Record<string, string | undefined>): OidcSettings | null {
  const issuer = env.CAPSTAN_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new OidcConfigError(`CAPSTAN_OIDC_ISSUER ("${issuer}") is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new OidcConfigError(`CAPSTAN_OIDC_ISSUER must be an https URL, not ${url.protocol}`);
  if (url.search || url.hash || url.username) throw new OidcConfigError("CAPSTAN_OIDC_ISSUER must have no query, fragment or user name");
  const clientId = env.CAPSTAN_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.CAPSTAN_OIDC_CLIENT_SECRET;
  if (!clientId) throw new OidcConfigError("CAPSTAN_OIDC_CLIENT_ID is not set (CAPSTAN_OIDC_ISSUER is)");
  if (!clientSecret) throw new OidcConfigError("CAPSTAN_OIDC_CLIENT_SECRET is not set (CAPSTAN_OIDC_ISSUER is)");
  const roleClaim = env.CAPSTAN_OIDC_ROLE_CLAIM?.trim() || null;
  const mapText = env.CAPSTAN_OIDC_ROLE_MAP?.trim() || null;
  if (roleClaim && !mapText)
    throw new OidcConfigError("CAPSTAN_OIDC_ROLE_CLAIM is set but CAPSTAN_OIDC_ROLE_MAP is not: say which claim values grant which roles");
  if (mapText && !roleClaim)
    throw new OidcConfigError("CAPSTAN_OIDC_ROLE_MAP is set but CAPSTAN_OIDC_ROLE_CLAIM is not: name the ID token claim to map (e.g. groups)");
  const scopes = (env.CAPSTAN_OIDC_SCOPES?.trim() || "openid email profile").split(/\s+/).join(" ");
  if (!scopes.split(" ").includes("openid")) throw new OidcConfigError(`CAPSTAN_OIDC_SCOPES ("${scopes}") must include openid`);
  return {
    issuer,
    clientId,
    clientSecret,
    name: env.CAPSTAN_OIDC_NAME?.trim() || "SSO",
    scopes,
    roleClaim,
    roleMap: mapText ? parseOidcRoleMap(mapText) : null,
  };
}

/** The claims of a validated ID token that Capstan reads. */
export interface OidcClaims {
  email?: unknown;
  email_verified?: unknown;
  [claim: string]: unknown;
}

/**
 * Why these ID token claims cannot sign anyone in, or null: no email, an email the provider has not verified
 * (`email_verified` must be the boolean true: the account is matched by email, so an unverified address
 * would let anyone claim anyone's account), or, with a role claim configured, that claim absent or not a
 * string or an array of strings. An absent role claim is refused rather than read as "no roles": a provider
 * that stopped sending it (a changed scope or mapper) would otherwise strip everyone's roles.
 */
export function oidcClaimsProblem(claims: OidcClaims, roleClaim: string | null): OidcRefusal | null {
  if (typeof claims.email !== "string" || claims.email.trim() === "") return "email-missing";
  if (claims.email_verified !== true) return "email-unverified";
  if (roleClaim) {
    const v = claims[roleClaim];
    if (v === undefined || v === null) return "role-claim-missing";
    if (typeof v !== "string" && !(Array.isArray(v) && v.every((x) => typeof x === "string"))) return "role-claim-malformed";
  }
  return null;
}

/** The roles a role claim grants, and which roles the mapping owns (those it may also take away). */
export interface OidcRoles {
  /** The platform role granted (the stronger of several), or null. */
  platformRole: PlatformRole | null;
  /** Whether the map names any platform role: only then does sign-in set (or clear) the platform role. */
  ownsPlatformRole: boolean;
  /** Department name → the role granted there (the strongest of several). */
  departments: Map<string, DepartmentRole>;
  /** Every department the map names: sign-in sets, changes or removes membership in these only. */
  ownedDepartments: string[];
}

/**
 * The roles `claim` (a string or an array of strings, compared exactly) grants under `map`. Where several
 * values grant roles at one level the strongest wins (PLATFORM_ADMIN over OPS; DEPARTMENT_ADMIN over
 * DEVELOPER over VIEWER).
 */
export function oidcRoles(map: OidcRoleMap, claim: string | readonly string[]): OidcRoles {
  const values = new Set(typeof claim === "string" ? [claim] : claim);
  const out: OidcRoles = { platformRole: null, ownsPlatformRole: false, departments: new Map(), ownedDepartments: [] };
  for (const { value, grant } of map) {
    if (grant.kind === "platform") out.ownsPlatformRole = true;
    else if (!out.ownedDepartments.includes(grant.department)) out.ownedDepartments.push(grant.department);
    if (!values.has(value)) continue;
    if (grant.kind === "platform") {
      if (out.platformRole === null || PLATFORM_ROLES.indexOf(grant.role) < PLATFORM_ROLES.indexOf(out.platformRole)) out.platformRole = grant.role;
    } else {
      const held = out.departments.get(grant.department);
      if (held === undefined || DEPARTMENT_ROLES.indexOf(grant.role) < DEPARTMENT_ROLES.indexOf(held)) out.departments.set(grant.department, grant.role);
    }
  }
  return out;
}
