// Who hears of what: the user ids notify() is given, read in the caller's transaction.
import type { Tx } from "@capstan/db";

type Reader = Pick<Tx, "user">;
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

/** The admins of a department. */
export const departmentAdmins = async (tx: Reader, departmentId: string) =>
  ids(await tx.user.findMany({ where: { departmentMemberships: { some: { departmentId, role: "DEPARTMENT_ADMIN" } } }, select: { id: true } }));

/** Every platform admin. */
export const platformAdmins = async (tx: Reader) => ids(await tx.user.findMany({ where: { platformRole: "PLATFORM_ADMIN" }, select: { id: true } }));

/** Everyone in ops. */
export const opsPeople = async (tx: Reader) => ids(await tx.user.findMany({ where: { platformRole: "OPS" }, select: { id: true } }));

/** Those who change a system's groups: its members who are developers or admins of its department, and the department's admins. */
export const systemDevelopers = async (tx: Reader, systemId: string, departmentId: string) =>
  ids(
    await tx.user.findMany({
      where: {
        OR: [
          { systemMemberships: { some: { systemId } }, departmentMemberships: { some: { departmentId, role: { in: ["DEVELOPER", "DEPARTMENT_ADMIN"] } } } },
          { departmentMemberships: { some: { departmentId, role: "DEPARTMENT_ADMIN" } } },
        ],
      },
      select: { id: true },
    }),
  );
