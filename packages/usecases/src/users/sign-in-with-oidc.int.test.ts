// Issue 18, single sign-on: the first sign-in makes the account, roles follow the mapped claim at every
// sign-in (only those the map owns), and refusals are audited.
import type { OidcSettings } from "@capstan/domain";
import { oidcSettingsFromEnv } from "@capstan/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { buildWorld, type World } from "../testing/fixtures";
import { signInWithOidc } from "./sign-in-with-oidc";

let world: World;
let n = 0;
const settings = oidcSettingsFromEnv({
  CAPSTAN_OIDC_ISSUER: "https://id.corp.test",
  CAPSTAN_OIDC_CLIENT_ID: "capstan",
  CAPSTAN_OIDC_CLIENT_SECRET: "x",
  CAPSTAN_OIDC_ROLE_CLAIM: "groups",
  CAPSTAN_OIDC_ROLE_MAP: "admins=PLATFORM_ADMIN; sre=OPS; retail-devs=retail:DEVELOPER; retail-leads=retail:DEPARTMENT_ADMIN; gone=archive:VIEWER",
})!;

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
});

const claims = (email: string, groups?: unknown, more: object = {}) => ({
  sub: `sub-${email}`,
  email,
  email_verified: true,
  name: "Oidc Person",
  groups,
  ...more,
});
const fresh = () => `sso${++n}-${Date.now().toString(36)}@corp.test`;
const actions = async (email: string) => (await world.db.auditEvent.findMany({ where: { targetId: email }, orderBy: { id: "asc" } })).map((e) => e.action);
const roles = async (email: string) => {
  const u = await world.db.user.findUniqueOrThrow({ where: { email }, include: { departmentMemberships: { include: { department: true } } } });
  return { platformRole: u.platformRole, departments: Object.fromEntries(u.departmentMemberships.map((m) => [m.department.name, m.role])) };
};

describe("signInWithOidc", () => {
  it("creates the account at the first sign-in, with the mapped roles, and audits both", async () => {
    const email = fresh();
    const first = await signInWithOidc(world.db, settings, claims(email.toUpperCase(), ["retail-devs", "sre", "unmapped"]), { ip: "10.0.0.7" });
    expect(first).toMatchObject({ created: true, user: { email, name: "Oidc Person" } });
    expect(await roles(email)).toEqual({ platformRole: "OPS", departments: { retail: "DEVELOPER" } });
    expect(await actions(email)).toEqual(["auth.sso-provisioned", "auth.sso-roles", "auth.sign-in"]);
    const rolesEvent = await world.db.auditEvent.findFirstOrThrow({ where: { targetId: email, action: "auth.sso-roles" } });
    expect(rolesEvent.before).toEqual({ platformRole: null, departments: { retail: null } });
    expect(rolesEvent.after).toEqual({ platformRole: "OPS", departments: { retail: "DEVELOPER" }, unknownDepartments: ["archive"], claim: "groups" });

    const again = await signInWithOidc(world.db, settings, claims(email, ["retail-devs", "sre"]));
    expect(again).toMatchObject({ created: false });
    expect(await world.db.user.count({ where: { email } })).toBe(1);
    expect((await actions(email)).slice(3)).toEqual(["auth.sign-in"]); // unchanged roles: no roles event
  });

  it("re-applies the map at each sign-in: a value gone takes its role away; roles outside the map stay", async () => {
    const email = fresh();
    await signInWithOidc(world.db, settings, claims(email, ["admins", "retail-leads"]));
    expect(await roles(email)).toEqual({ platformRole: "PLATFORM_ADMIN", departments: { retail: "DEPARTMENT_ADMIN" } });
    // An admin grants finance by hand: the map names no finance role, so sign-in leaves it alone.
    const user = await world.db.user.findUniqueOrThrow({ where: { email } });
    const finance = await world.db.department.findUniqueOrThrow({ where: { name: "finance" } });
    await world.db.departmentMember.create({ data: { departmentId: finance.id, userId: user.id, role: "VIEWER" } });

    await signInWithOidc(world.db, settings, claims(email, "retail-devs"));
    expect(await roles(email)).toEqual({ platformRole: null, departments: { retail: "DEVELOPER", finance: "VIEWER" } });
    expect((await world.db.user.findUniqueOrThrow({ where: { email } })).version).toBe(user.version + 1);

    await signInWithOidc(world.db, settings, claims(email, []));
    expect(await roles(email)).toEqual({ platformRole: null, departments: { finance: "VIEWER" } });
    const last = await world.db.auditEvent.findFirstOrThrow({ where: { targetId: email, action: "auth.sso-roles" }, orderBy: { id: "desc" } });
    expect(last.before).toEqual({ platformRole: null, departments: { retail: "DEVELOPER" } });
    expect(last.after).toMatchObject({ platformRole: null, departments: { retail: null } });
  });

  it("leaves the platform role to admins when the map names none, and every role when no claim is configured", async () => {
    const email = fresh();
    await world.db.user.create({ data: { email, name: "Hand Made", platformRole: "OPS" } });
    const deptOnly: OidcSettings = { ...settings, roleMap: settings.roleMap!.filter((e) => e.grant.kind === "department") };
    await signInWithOidc(world.db, deptOnly, claims(email, ["retail-devs"]));
    expect(await roles(email)).toEqual({ platformRole: "OPS", departments: { retail: "DEVELOPER" } });
    await signInWithOidc(world.db, { ...settings, roleClaim: null, roleMap: null }, claims(email, undefined));
    expect(await roles(email)).toEqual({ platformRole: "OPS", departments: { retail: "DEVELOPER" } });
  });

  it("refuses a disabled account, audited as a failed sign-in, and changes nothing", async () => {
    const email = fresh();
    await world.db.user.create({ data: { email, name: "Gone", disabled: true } });
    expect(await signInWithOidc(world.db, settings, claims(email, ["admins"]), { ip: "10.0.0.9" })).toEqual({ refused: "disabled" });
    expect(await roles(email)).toEqual({ platformRole: null, departments: {} });
    const e = await world.db.auditEvent.findFirstOrThrow({ where: { targetId: email } });
    expect(e).toMatchObject({ action: "auth.sign-in-failed", after: { ip: "10.0.0.9", method: "oidc", reason: "disabled" } });
  });

  it.each([
    ["email-unverified", { email_verified: false }],
    ["role-claim-missing", { groups: undefined }],
    ["role-claim-malformed", { groups: [7] }],
  ])("refuses %s: no account is made, the refusal is audited", async (reason, changes) => {
    const email = fresh();
    expect(await signInWithOidc(world.db, settings, { ...claims(email, ["admins"]), ...changes })).toEqual({ refused: reason });
    expect(await world.db.user.count({ where: { email } })).toBe(0);
    const e = await world.db.auditEvent.findFirstOrThrow({ where: { targetId: email } });
    expect(e).toMatchObject({ action: "auth.sso-refused", actorId: null, after: { reason, issuer: "https://id.corp.test", subject: `sub-${email}` } });
  });

  it("refuses an ID token without an email, audited under its subject", async () => {
    const sub = `no-mail-${++n}`;
    expect(await signInWithOidc(world.db, settings, { sub, email_verified: true, groups: [] })).toEqual({ refused: "email-missing" });
    expect(await actions(sub)).toEqual(["auth.sso-refused"]);
  });
});
