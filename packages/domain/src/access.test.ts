import { describe, expect, it } from "vitest";
import {
  type Actor,
  auditScope,
  canAskQuota,
  canManageDepartments,
  canManageSystemsOf,
  canReadDepartment,
  canWriteInSystem,
  headlineRole,
  visibleDepartments,
} from "./access";

const actor = (over: Partial<Actor>): Actor => ({
  userId: "u",
  email: "u@x",
  name: "U",
  platformRole: null,
  departments: new Map(),
  systems: new Set(),
  ...over,
});
const shop = { id: "sys-shop", departmentId: "retail" };
const dev = actor({ departments: new Map([["retail", "DEVELOPER"]]), systems: new Set(["sys-shop"]) });

describe("access", () => {
  it("platform admins manage everything", () => {
    const a = actor({ platformRole: "PLATFORM_ADMIN" });
    expect(canManageDepartments(a)).toBe(true);
    expect(canManageSystemsOf(a, "retail")).toBe(true);
    expect(canWriteInSystem(a, shop)).toBe(true);
    expect(visibleDepartments(a)).toBe("all");
  });
  it("ops read everything but change nothing in departments", () => {
    const a = actor({ platformRole: "OPS" });
    expect(canReadDepartment(a, "retail")).toBe(true);
    expect(canManageDepartments(a)).toBe(false);
    expect(canManageSystemsOf(a, "retail")).toBe(false);
    expect(canWriteInSystem(a, shop)).toBe(false);
    expect(auditScope(a)).toBe("all");
  });
  it("department admins manage their own department only", () => {
    const a = actor({ departments: new Map([["retail", "DEPARTMENT_ADMIN"]]) });
    expect(canManageSystemsOf(a, "retail")).toBe(true);
    expect(canManageSystemsOf(a, "finance")).toBe(false);
    expect(canWriteInSystem(a, shop)).toBe(true);
    expect(canWriteInSystem(a, { id: "ledger", departmentId: "finance" })).toBe(false);
    expect(auditScope(a)).toEqual(["retail"]);
  });
  it("developers write only in systems they are members of", () => {
    expect(canWriteInSystem(dev, shop)).toBe(true);
    expect(canWriteInSystem(dev, { id: "sys-other", departmentId: "retail" })).toBe(false);
    expect(canManageSystemsOf(dev, "retail")).toBe(false);
    expect(canReadDepartment(dev, "retail")).toBe(true);
    expect(canReadDepartment(dev, "finance")).toBe(false);
    expect(auditScope(dev)).toBe("none");
  });
  it("viewers only read, even in systems they belong to", () => {
    const v = actor({ departments: new Map([["retail", "VIEWER"]]), systems: new Set(["sys-shop"]) });
    expect(canWriteInSystem(v, shop)).toBe(false);
    expect(canReadDepartment(v, "retail")).toBe(true);
    expect(visibleDepartments(v)).toEqual(["retail"]);
  });
  it("headline role is the strongest held", () => {
    expect(
      headlineRole(
        actor({
          departments: new Map([
            ["a", "VIEWER"],
            ["b", "DEPARTMENT_ADMIN"],
          ]),
        }),
      ),
    ).toBe("DEPARTMENT_ADMIN");
    expect(headlineRole(dev)).toBe("DEVELOPER");
    expect(headlineRole(actor({}))).toBeNull();
  });
  it("those who may write in a system may ask for its quota; viewers, ops and developers of other systems may not", () => {
    const outlet = { id: "sys-outlet", departmentId: "retail" };
    const lead = actor({ departments: new Map([["retail", "DEPARTMENT_ADMIN"]]) });
    const viewer = actor({ departments: new Map([["retail", "VIEWER"]]), systems: new Set(["sys-shop"]) });
    expect([canAskQuota(dev, shop), canAskQuota(dev, outlet)]).toEqual([true, false]);
    expect([canAskQuota(lead, shop), canAskQuota(lead, outlet)]).toEqual([true, true]);
    expect([canAskQuota(viewer, shop), canAskQuota(actor({ platformRole: "OPS" }), shop)]).toEqual([false, false]);
    expect(canAskQuota(actor({ platformRole: "PLATFORM_ADMIN" }), outlet)).toBe(true);
  });
});
