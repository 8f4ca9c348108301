// Issue 11, findings 3 and 5: revocable sessions with an absolute and an idle limit, sign-in throttling,
// the password policy, self-service password change, and what a bearer token may do with tokens.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { type Context, loadActor } from "../context";
import { authenticateSession, endSession, startSession } from "../sessions/sessions";
import { buildWorld, type World } from "../testing/fixtures";
import { authenticateToken } from "../tokens/authenticate-token";
import { createApiToken } from "../tokens/create-api-token";
import { listApiTokens } from "../tokens/list-api-tokens";
import { revokeApiToken } from "../tokens/revoke-api-token";
import { changeOwnPassword } from "./change-own-password";
import { createUser } from "./create-user";
import { signInWithPassword } from "./sign-in";
import type { SignInThrottled } from "./sign-in-throttle";
import { updateUser } from "./update-user";

let world: World;
let n = 0;
const admin = () => world.as.platformAdmin;
const GOOD = "violet-kayak-meridian-47";

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
});

/** A new password account and a context for it as if signed in through a browser session. */
async function person(password = GOOD) {
  const u = await createUser(admin(), { email: `p${++n}@capstan.test`, name: `Person ${n}`, password });
  const session = await startSession(world.db, u.id);
  const ctx: Context = { db: world.db, actor: await loadActor(world.db, u.id), credential: { kind: "session", sessionId: session.id } };
  return { u, session, ctx };
}

describe("sessions", () => {
  it("sign-out ends the session: the same id no longer authenticates", async () => {
    const { u, session } = await person();
    expect(await authenticateSession(world.db, session.id)).toMatchObject({ userId: u.id });
    await endSession(world.db, session.id);
    expect(await authenticateSession(world.db, session.id)).toBeNull();
  });

  it("ends at its absolute lifetime however active it is, and after the idle timeout", async () => {
    const { u } = await person();
    const settings = { maxAgeMs: 3_600_000, idleMs: 600_000 };
    const s = await startSession(world.db, u.id, {}, settings);
    const seen = await authenticateSession(world.db, s.id, settings);
    // The reported end is the earlier of the two limits, never later than the absolute one.
    expect(seen!.expiresAt.getTime()).toBeLessThanOrEqual(s.expiresAt.getTime());
    await world.db.userSession.update({ where: { id: s.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await authenticateSession(world.db, s.id, settings)).toBeNull();

    const idle = await startSession(world.db, u.id, {}, settings);
    await world.db.userSession.update({ where: { id: idle.id }, data: { lastSeenAt: new Date(Date.now() - 601_000) } });
    expect(await authenticateSession(world.db, idle.id, settings)).toBeNull();
  });

  it("deletes a user's sessions that ended more than a day ago when they sign in again", async () => {
    const { u, session } = await person();
    const recent = await startSession(world.db, u.id);
    await world.db.userSession.update({ where: { id: session.id }, data: { revokedAt: new Date(Date.now() - 2 * 86_400_000) } });
    await endSession(world.db, recent.id);
    await startSession(world.db, u.id);
    expect(await world.db.userSession.findUnique({ where: { id: session.id } })).toBeNull();
    expect(await world.db.userSession.findUnique({ where: { id: recent.id } })).not.toBeNull();
  });

  it("refuses ids that are not sessions", async () => {
    for (const id of [undefined, "", "x", 42, "00000000-0000-0000-0000-000000000000"]) expect(await authenticateSession(world.db, id)).toBeNull();
  });

  it("an admin password reset or disabling ends every session and revokes every API token of the account", async () => {
    for (const change of [{ password: "amber-lantern-quorum-88" }, { disabled: true }]) {
      const { u, session, ctx } = await person();
      const other = await startSession(world.db, u.id);
      const token = await createApiToken(ctx, { name: "ci", expiresInDays: 1 });
      await updateUser(admin(), u.email, { ...change, version: u.version });
      expect(await authenticateSession(world.db, session.id)).toBeNull();
      expect(await authenticateSession(world.db, other.id)).toBeNull();
      await expect(authenticateToken(world.db, token.token)).rejects.toMatchObject({ status: 401 });
    }
  });
});

describe("password policy", () => {
  it("refuses common, breached and patterned passwords with 422 naming the field and why", async () => {
    for (const password of ["aaaaaaaaaaaa", "password1234", "qwertyuiop12", "P@ssw0rd2020", "iloveyou1234"]) {
      await expect(createUser(admin(), { email: `weak${++n}@capstan.test`, name: "Weak", password })).rejects.toMatchObject({
        status: 422,
        fields: { password: expect.stringMatching(/repeat|common|breached|row|pattern|sequence|guess/) },
      });
    }
    const { u } = await person();
    await expect(updateUser(admin(), u.email, { password: "aaaaaaaaaaaa", version: u.version })).rejects.toMatchObject({
      status: 422,
      fields: { password: expect.any(String) },
    });
  });

  it("refuses a password built from the account's own name or email", async () => {
    await expect(
      createUser(admin(), { email: "margarethe.vonbergen@capstan.test", name: "Margarethe Vonbergen", password: "vonbergen2024" }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe("changing one's own password", () => {
  it("asks for the current password, checks the new one, keeps this session and ends the others", async () => {
    const { u, session, ctx } = await person();
    const other = await startSession(world.db, u.id);
    await expect(changeOwnPassword(ctx, { currentPassword: "not-my-password-at-all", newPassword: "amber-lantern-quorum-88" })).rejects.toMatchObject({
      status: 422,
      fields: { currentPassword: "is wrong" },
    });
    await expect(changeOwnPassword(ctx, { currentPassword: GOOD, newPassword: "aaaaaaaaaaaa" })).rejects.toMatchObject({
      status: 422,
      fields: { newPassword: expect.any(String) },
    });
    await changeOwnPassword(ctx, { currentPassword: GOOD, newPassword: "amber-lantern-quorum-88" });
    expect(await signInWithPassword(world.db, u.email, GOOD)).toBeNull();
    expect(await signInWithPassword(world.db, u.email, "amber-lantern-quorum-88")).toMatchObject({ id: u.id });
    expect(await authenticateSession(world.db, session.id)).toMatchObject({ userId: u.id });
    expect(await authenticateSession(world.db, other.id)).toBeNull();
    const event = await world.db.auditEvent.findFirst({ where: { action: "user.password-change", targetId: u.email } });
    expect(event?.after).toMatchObject({ sessionsEnded: 1 });
    expect(JSON.stringify([event?.before, event?.after])).not.toContain("amber-lantern");
  });

  it("clears a bootstrap password's must-change flag, which until then blocks making tokens", async () => {
    const { u, ctx } = await person();
    await world.db.user.update({ where: { id: u.id }, data: { mustChangePassword: true } });
    const fresh: Context = { ...ctx, actor: await loadActor(world.db, u.id) };
    await expect(createApiToken(fresh, { name: "t", expiresInDays: 1 })).rejects.toMatchObject({ status: 403, code: "password_change_required" });
    await changeOwnPassword(fresh, { currentPassword: GOOD, newPassword: "amber-lantern-quorum-88" });
    expect((await loadActor(world.db, u.id)).mustChangePassword).toBe(false);
  });
});

describe("sign-in throttling", () => {
  it("30 wrong passwords throttle the account: the right one is refused until the window passes, and it is audited", async () => {
    const { u } = await person();
    // The window opens at the first failure and must outlast ten password checks, which take seconds on a
    // loaded machine; the test then waits only for what is left of it.
    const throttle = { accountAttempts: 10, addressAttempts: 100, windowMs: 8_000 };
    const results: unknown[] = [];
    for (let i = 0; i < 30; i++)
      results.push(await signInWithPassword(world.db, u.email, `wrong-${i}`, { ip: "192.0.2.1" }, throttle).catch((e: { status: number }) => e.status));
    expect(results.slice(0, 10)).toEqual(Array(10).fill(null));
    expect(results.slice(10)).toEqual(Array(20).fill(429));
    const refused = await signInWithPassword(world.db, u.email, GOOD, { ip: "198.51.100.7" }, throttle).catch((e: SignInThrottled) => e);
    expect(refused).toMatchObject({ status: 429, message: expect.stringContaining("Try again in") });
    expect(await world.db.auditEvent.count({ where: { action: "auth.sign-in-failed", targetId: u.email } })).toBe(10);
    expect(await world.db.auditEvent.count({ where: { action: "auth.sign-in-throttled", targetId: u.email } })).toBe(1);
    await new Promise((r) => setTimeout(r, (refused as SignInThrottled).retryAfterMs + 100));
    await expect(signInWithPassword(world.db, u.email, GOOD, { ip: "198.51.100.7" }, throttle)).resolves.toMatchObject({ id: u.id });
  });

  it("throttles an address spraying many accounts", async () => {
    const throttle = { accountAttempts: 100, addressAttempts: 5, windowMs: 60_000 };
    for (let i = 0; i < 5; i++) await signInWithPassword(world.db, `spray${i}@capstan.test`, "password1234", { ip: "203.0.113.9" }, throttle);
    const { u } = await person();
    await expect(signInWithPassword(world.db, u.email, GOOD, { ip: "203.0.113.9" }, throttle)).rejects.toMatchObject({ status: 429 });
    await expect(signInWithPassword(world.db, u.email, GOOD, { ip: "203.0.113.10" }, throttle)).resolves.toMatchObject({ id: u.id });
  });
});

describe("API tokens", () => {
  it("a bearer token cannot mint tokens", async () => {
    const { ctx } = await person();
    await createApiToken(ctx, { name: "parent", expiresInDays: 1 });
    await expect(createApiToken({ ...ctx, credential: { kind: "token" } }, { name: "child", expiresInDays: 365 })).rejects.toMatchObject({ status: 403 });
  });

  it("platform admins list and revoke anyone's tokens; others cannot", async () => {
    const { u, ctx } = await person();
    const t = await createApiToken(ctx, { name: "laptop", expiresInDays: 1 });
    expect((await listApiTokens(admin(), { user: u.email })).map((x) => x.id)).toEqual([t.id]);
    await expect(listApiTokens(world.as.ops, { user: u.email })).rejects.toMatchObject({ status: 403 });
    await expect(listApiTokens(admin(), { user: "nobody@capstan.test" })).rejects.toMatchObject({ status: 404 });
    await expect(revokeApiToken(world.as.ops, t.id)).rejects.toMatchObject({ status: 404 });
    await revokeApiToken(admin(), t.id);
    await expect(authenticateToken(world.db, t.token)).rejects.toMatchObject({ status: 401 });
  });
});
