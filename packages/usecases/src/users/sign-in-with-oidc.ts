import type { Db, Tx } from "@capstan/db";
import { type DepartmentRole, type OidcClaims, oidcClaimsProblem, type OidcRefusal, oidcRoles, type OidcSettings, type PlatformRole } from "@capstan/domain";

/** Where the sign-in came from, for the audit events. */
export interface OidcOrigin {
  ip?: string | null;
}

/** The user to put in the session, or why the sign-in is refused (`/sign-in?error=sso-<refused>`). */
export type OidcSignIn = { user: { id: string; email: string; name: string }; created: boolean } | { refused: OidcRefusal };

/**
 * Signs in the person an identity provider vouches for with a validated ID token's claims (next-auth and
 * oauth4webapi have checked its signature, issuer, audience, expiry and nonce). The account is matched by
 * email; the first sign-in creates it (`auth.sso-provisioned`). With a role claim configured, the roles it
 * maps to are set at every sign-in, in one transaction with the sign-in's audit events: the platform role if
 * the map names any platform role, and membership in each department the map names (granted, changed or
 * removed); roles outside the map are left as an admin set them (docs/security/oidc.md). Refused, and
 * audited, for claims oidcClaimsProblem rejects (`auth.sso-refused`) and for a disabled account
 * (`auth.sign-in-failed`, as a password sign-in is).
 */
export async function signInWithOidc(db: Db, settings: OidcSettings, claims: OidcClaims, origin: OidcOrigin = {}): Promise<OidcSignIn> {
  const ip = origin.ip ?? null;
  const problem = oidcClaimsProblem(claims, settings.roleClaim);
  if (problem) {
    await auditOidcRefusal(db, settings, problem, claims, origin);
    return { refused: problem };
  }
  const email = String(claims.email).trim().toLowerCase().slice(0, 254);
  const name = (typeof claims.name === "string" && claims.name.trim()) || email;
  return db.$transaction(
    async (tx) => {
      const audit = (action: string, userId: string | null, after: object, before?: object) =>
        tx.auditEvent.create({ data: { actorId: userId, actorEmail: email, action, targetType: "user", targetId: email, targetName: name, before, after } });
      const existing = await tx.user.findUnique({ where: { email } });
      if (existing?.disabled) {
        await audit("auth.sign-in-failed", existing.id, { ip, method: "oidc", reason: "disabled" });
        return { refused: "disabled" as const };
      }
      // upsert: two first sign-ins at once make one account.
      const user = existing ?? (await tx.user.upsert({ where: { email }, create: { email, name }, update: {} }));
      const created = !existing;
      if (created) await audit("auth.sso-provisioned", user.id, { ip, issuer: settings.issuer, subject: claims.sub ?? null });
      if (settings.roleClaim && settings.roleMap) {
        const change = await applyMappedRoles(tx, user.id, settings, claims[settings.roleClaim] as string | string[]);
        if (change) await audit("auth.sso-roles", user.id, { ...change.after, claim: settings.roleClaim }, change.before);
      }
      await audit("auth.sign-in", user.id, { ip, method: "oidc" });
      return { user: { id: user.id, email: user.email, name: user.name }, created };
      // As mutation()'s: a busy pool delays a sign-in rather than failing it.
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}

interface RoleState {
  platformRole: PlatformRole | null;
  /** Department name → role, for the departments the map owns. */
  departments: Record<string, DepartmentRole | null>;
  /** Departments the map names that do not exist (yet): nothing is granted there. */
  unknownDepartments?: string[];
}

/** Sets the roles the claim maps to; returns what changed, or null when nothing did. */
async function applyMappedRoles(
  tx: Tx,
  userId: string,
  settings: OidcSettings,
  claim: string | string[],
): Promise<{ before: RoleState; after: RoleState } | null> {
  const wanted = oidcRoles(settings.roleMap!, claim);
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
  const departments = await tx.department.findMany({ where: { name: { in: wanted.ownedDepartments } }, select: { id: true, name: true } });
  const held = await tx.departmentMember.findMany({ where: { userId, departmentId: { in: departments.map((d) => d.id) } } });
  const before: RoleState = { platformRole: user.platformRole, departments: {} };
  const after: RoleState = { platformRole: user.platformRole, departments: {} };
  let changed = false;
  if (wanted.ownsPlatformRole && user.platformRole !== wanted.platformRole) {
    // The version moves as an admin's edit moves it, so an edit made from a stale page is refused.
    await tx.user.update({ where: { id: userId }, data: { platformRole: wanted.platformRole, version: { increment: 1 } } });
    after.platformRole = wanted.platformRole;
    changed = true;
  }
  for (const d of departments) {
    const current = held.find((m) => m.departmentId === d.id)?.role ?? null;
    const role = wanted.departments.get(d.name) ?? null;
    before.departments[d.name] = current;
    after.departments[d.name] = role;
    if (current === role) continue;
    changed = true;
    if (role === null) await tx.departmentMember.delete({ where: { departmentId_userId: { departmentId: d.id, userId } } });
    else
      await tx.departmentMember.upsert({
        where: { departmentId_userId: { departmentId: d.id, userId } },
        create: { departmentId: d.id, userId, role },
        update: { role },
      });
  }
  if (!changed) return null;
  const unknown = wanted.ownedDepartments.filter((name) => !departments.some((d) => d.name === name));
  if (unknown.length) after.unknownDepartments = unknown;
  return { before, after };
}

/**
 * Audits a refused single sign-on (`auth.sso-refused`): the reason, the configured issuer, and what is
 * known of the person (the email or subject of the ID token when there was one to read). Written without a
 * transaction: there is nothing else to write.
 */
export async function auditOidcRefusal(db: Db, settings: OidcSettings, reason: OidcRefusal, claims: OidcClaims | null, origin: OidcOrigin = {}) {
  const who =
    (typeof claims?.email === "string" && claims.email.trim().toLowerCase().slice(0, 254)) ||
    (typeof claims?.sub === "string" && claims.sub.slice(0, 254)) ||
    settings.issuer;
  await db.auditEvent.create({
    data: {
      actorId: null,
      actorEmail: who,
      action: "auth.sso-refused",
      targetType: "user",
      targetId: who,
      targetName: who,
      after: { ip: origin.ip ?? null, reason, issuer: settings.issuer, subject: typeof claims?.sub === "string" ? claims.sub : null },
    },
  });
}
