import { canManageSystemsOf, canWriteInSystem } from "@capstan/domain";
import type { SystemNamespaceStatus } from "@capstan/db";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { toSystemDto } from "./system-dto";

type Failing = Pick<SystemNamespaceStatus, "lastError" | "lastErrorReason" | "lastErrorAt" | "failedAttempts">;

/** A failure as the worker's controller recorded it; the same fields as a group's (group-dto.ts). */
const failureDto = (f: Failing) => ({
  lastError: f.lastError,
  lastErrorReason: f.lastErrorReason,
  lastErrorAt: f.lastErrorAt?.toISOString() ?? null,
  failedAttempts: f.failedAttempts,
});

/**
 * A system as its page shows it. `reconcileFailures`: where the worker is failing to put the system in
 * place now, as its controllers record it: `namespaces`, per cluster (the namespace, quota, policies and pull
 * Secret); `projects`, per data centre (the Harbor project and pull robot); each with the last failure's
 * message, CamelCase reason, time (ISO 8601) and the failed attempts since the last success. A success
 * removes the entry; both lists are empty when everything converges.
 */
export async function getSystem(ctx: Context, name: string) {
  const s = await findSystem(ctx.db, ctx.actor, name);
  const failing = { systemId: s.id, failedAttempts: { gt: 0 } };
  const [applications, members, namespaces, projects] = await Promise.all([
    ctx.db.application.count({ where: { systemId: s.id } }),
    ctx.db.systemMember.count({ where: { systemId: s.id } }),
    ctx.db.systemNamespaceStatus.findMany({ where: failing, include: { cluster: { select: { name: true } } }, orderBy: { cluster: { name: "asc" } } }),
    ctx.db.systemProjectStatus.findMany({ where: failing, include: { dataCentre: { select: { name: true } } }, orderBy: { dataCentre: { name: "asc" } } }),
  ]);
  return {
    ...toSystemDto(s, { applications, members }),
    reconcileFailures: {
      namespaces: namespaces.map((f) => ({ cluster: f.cluster.name, ...failureDto(f) })),
      projects: projects.map((f) => ({ dataCentre: f.dataCentre.name, ...failureDto(f) })),
    },
    // What the actor may do here, so pages offer only actions the server will accept.
    can: { manage: canManageSystemsOf(ctx.actor, s.departmentId), write: canWriteInSystem(ctx.actor, s) },
  };
}
