import type { Db } from "@capstan/db";
import { type Actor, type DepartmentRole, domainError, type PlatformRole } from "@capstan/domain";

/** What every use case receives: the database and who is asking. */
export interface Context {
  db: Db;
  actor: Actor;
  /** How the actor proved who they are; absent for the operator CLI and in-process callers. */
  credential?: Credential;
}

/** A browser session (its UserSession id) or a bearer API token. */
export type Credential = { kind: "session"; sessionId: string } | { kind: "token" };

/** Loads a user's roles fresh for each request, so a revoked role takes effect at once. */
export async function loadActor(db: Db, userId: string): Promise<Actor> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: {
      departmentMemberships: { select: { departmentId: true, role: true } },
      systemMemberships: { select: { systemId: true } },
    },
  });
  if (!user || user.disabled) throw domainError("account_unknown_or_disabled");
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    platformRole: user.platformRole as PlatformRole | null,
    mustChangePassword: user.mustChangePassword,
    departments: new Map(user.departmentMemberships.map((m) => [m.departmentId, m.role as DepartmentRole])),
    systems: new Set(user.systemMemberships.map((m) => m.systemId)),
  };
}
