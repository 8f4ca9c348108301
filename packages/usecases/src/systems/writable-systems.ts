import type { Prisma } from "@capstan/db";
import { type Actor, systemWriteScope } from "@capstan/domain";

/**
 * The systems the actor may write in (create applications and groups), as a Prisma filter on System:
 * systemWriteScope (packages/domain/src/access.ts) turned into a query, so the "New …" pickers offer
 * exactly the systems canWriteInSystem allows.
 */
export function writableSystems(a: Actor): Prisma.SystemWhereInput {
  const scope = systemWriteScope(a);
  if (scope === "all") return {};
  return {
    OR: [{ departmentId: { in: scope.departments } }, { departmentId: { in: scope.asMemberIn }, id: { in: [...a.systems] } }],
  };
}
