// Who can sign in to a new installation (issue 11, finding 3): demo accounts only on the embedded
// default with the simulator or with CAPSTAN_DEMO=1; otherwise one bootstrap admin who must change
// a random password first.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../../tests/database";
import { authenticateSession, loadActor, signInWithPassword, startSession } from "@capstan/usecases/internal";
import { bootstrapEmail, firstRunSeed, resetToOneTimePassword, seedBootstrapAdmin } from "./first-run";

describe("firstRunSeed", () => {
  it("seeds demo accounts only on the embedded database with the simulator, or when asked", () => {
    expect(firstRunSeed({ embedded: true, simulate: true }, {})).toBe("demo");
    expect(firstRunSeed({ embedded: false, simulate: false }, {})).toBe("bootstrap");
    expect(firstRunSeed({ embedded: false, simulate: true }, {})).toBe("bootstrap");
    expect(firstRunSeed({ embedded: true, simulate: false }, {})).toBe("bootstrap");
    expect(firstRunSeed({ embedded: false, simulate: false }, { CAPSTAN_DEMO: "1" })).toBe("demo");
    expect(firstRunSeed({ embedded: true, simulate: true }, { CAPSTAN_DEMO: "0" })).toBe("bootstrap");
  });

  it("names the bootstrap admin from CAPSTAN_BOOTSTRAP_EMAIL", () => {
    expect(bootstrapEmail({})).toBe("admin@capstan.local");
    expect(bootstrapEmail({ CAPSTAN_BOOTSTRAP_EMAIL: " Root@Example.COM " })).toBe("root@example.com");
  });
});

describe("seedBootstrapAdmin", () => {
  it("creates one platform admin with a random password that must be changed, once", async () => {
    const { db } = await testDatabase();
    const password = await seedBootstrapAdmin(db, "root@example.com");
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const user = await db.user.findUniqueOrThrow({ where: { email: "root@example.com" } });
    expect(user).toMatchObject({ platformRole: "PLATFORM_ADMIN", mustChangePassword: true });
    expect(user.passwordHash).not.toContain(password);
    expect(await signInWithPassword(db, "root@example.com", password!)).toMatchObject({ id: user.id, mustChangePassword: true });
    expect((await loadActor(db, user.id)).mustChangePassword).toBe(true);
    // Never twice, and never into a database that has people.
    expect(await seedBootstrapAdmin(db, "other@example.com")).toBeNull();
    expect(await db.user.count()).toBe(1);
    // Each installation gets its own.
    const other = await testDatabase();
    expect(await seedBootstrapAdmin(other.db, "root@example.com")).not.toBe(password);
  });
});

describe("resetToOneTimePassword", () => {
  it("gives the operator a one-time password that must be changed, ending the account's sessions and tokens", async () => {
    const { db } = await testDatabase();
    const first = (await seedBootstrapAdmin(db, "root@example.com"))!;
    const user = await db.user.update({ where: { email: "root@example.com" }, data: { mustChangePassword: false } });
    const session = await startSession(db, user.id);
    await db.apiToken.create({ data: { userId: user.id, name: "t", prefix: "cap_x", tokenHash: "h", expiresAt: new Date(Date.now() + 86_400_000) } });
    const password = await resetToOneTimePassword(db, "Root@Example.com");
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await signInWithPassword(db, user.email, first)).toBeNull();
    expect(await signInWithPassword(db, user.email, password!)).toMatchObject({ mustChangePassword: true });
    expect(await authenticateSession(db, session.id)).toBeNull();
    expect(await db.apiToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await resetToOneTimePassword(db, "nobody@example.com")).toBeNull();
  });
});
