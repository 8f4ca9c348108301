// Who may do what. Pure functions over an Actor, so every use case asks the same questions
// and the tests can enumerate roles × departments without a database.

export type PlatformRole = "PLATFORM_ADMIN" | "OPS";
export type DepartmentRole = "DEPARTMENT_ADMIN" | "DEVELOPER" | "VIEWER";

export interface Actor {
  userId: string;
  email: string;
  name: string;
  platformRole: PlatformRole | null;
  /** departmentId → the actor's role there */
  departments: ReadonlyMap<string, DepartmentRole>;
  /** ids of the systems the actor is a member of */
  systems: ReadonlySet<string>;
  /** A bootstrap password not yet replaced: only the password change is allowed until it is. */
  mustChangePassword?: boolean;
}

export interface SystemRef {
  id: string;
  departmentId: string;
}

const isPlatformAdmin = (a: Actor) => a.platformRole === "PLATFORM_ADMIN";
/** Platform admins and ops read the whole fleet. */
export const readsEverything = (a: Actor) => a.platformRole !== null;
const isDepartmentAdmin = (a: Actor, departmentId: string) => a.departments.get(departmentId) === "DEPARTMENT_ADMIN";

/** Department ids the actor may read, or "all". */
export function visibleDepartments(a: Actor): "all" | string[] {
  return readsEverything(a) ? "all" : [...a.departments.keys()];
}

export const canReadDepartment = (a: Actor, departmentId: string) => readsEverything(a) || a.departments.has(departmentId);

export const canManageDepartments = (a: Actor) => isPlatformAdmin(a);

/** Registering, changing and removing data centres and clusters. */
export const canManageFleet = (a: Actor) => isPlatformAdmin(a);

/** Checking clusters and (later) running node lifecycles: platform admins and ops. */
export const canOperateFleet = (a: Actor) => readsEverything(a);

/** The label policy and the node init checks: platform-wide rules, so platform admins set them. */
export const canSetNodePolicy = (a: Actor) => isPlatformAdmin(a);

/** People: creating accounts and granting platform roles. */
export const canManageUsers = (a: Actor) => isPlatformAdmin(a);

/** Create, edit and delete systems of a department, and manage the department's and systems' members. */
export const canManageSystemsOf = (a: Actor, departmentId: string) => isPlatformAdmin(a) || isDepartmentAdmin(a, departmentId);

/**
 * Where the actor may write (canWriteInSystem), as data a query can filter by: every system ("all"), or the
 * systems of `departments` plus, in `asMemberIn` departments, those of `a.systems` (the actor's memberships).
 * Lists of "systems you may create in" (the "New …" pickers) filter with it, so they offer what the rule allows.
 */
export function systemWriteScope(a: Actor): "all" | { departments: string[]; asMemberIn: string[] } {
  if (isPlatformAdmin(a)) return "all";
  const roles = [...a.departments];
  return {
    departments: roles.filter(([, r]) => r === "DEPARTMENT_ADMIN").map(([d]) => d),
    asMemberIn: roles.filter(([, r]) => r === "DEVELOPER").map(([d]) => d),
  };
}

/** Create and change what lives inside a system: applications, groups, load balancers (systemWriteScope says where). */
export function canWriteInSystem(a: Actor, s: SystemRef): boolean {
  const scope = systemWriteScope(a);
  return scope === "all" || scope.departments.includes(s.departmentId) || (scope.asMemberIn.includes(s.departmentId) && a.systems.has(s.id));
}

/** Department quotas per data centre are the platform's capacity plan: platform admins set them. */
export const canSetDepartmentQuota = (a: Actor) => isPlatformAdmin(a);

/** A department admin hands the department's quota out to its systems. */
export const canSetSystemQuota = (a: Actor, departmentId: string) => canManageSystemsOf(a, departmentId);

/**
 * Who may ask for more quota for a system: those who may write in it (its department's admins, its
 * developers who are members of it, platform admins). Viewers, ops and developers of other systems may
 * not; the portal offers the request form only for systems this allows.
 */
export const canAskQuota = (a: Actor, s: SystemRef) => canWriteInSystem(a, s);

/** Who decides a quota request: the department's admins, or platform admins once it goes beyond the department's quota. */
export const canReviewQuotaRequest = (a: Actor, r: { departmentId: string; escalated: boolean }) =>
  isPlatformAdmin(a) || (!r.escalated && isDepartmentAdmin(a, r.departmentId));

/** Audit events the actor may read: every event, those of some departments, or none. */
export function auditScope(a: Actor): "all" | string[] | "none" {
  if (readsEverything(a)) return "all";
  const admin = [...a.departments].filter(([, role]) => role === "DEPARTMENT_ADMIN").map(([id]) => id);
  return admin.length > 0 ? admin : "none";
}

/** The one role to show for a person in the UI: the strongest they hold. */
export function headlineRole(a: Actor): PlatformRole | DepartmentRole | null {
  if (a.platformRole) return a.platformRole;
  const roles = new Set(a.departments.values());
  for (const r of ["DEPARTMENT_ADMIN", "DEVELOPER", "VIEWER"] as const) if (roles.has(r)) return r;
  return null;
}
