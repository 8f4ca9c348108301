// Who can sign in to a new installation (issue 11, finding 3): demo accounts only on the embedded
// default with the simulator or with CAPSTAN_DEMO=1; otherwise one bootstrap admin who must change
// a random password first.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../../tests/database";
import { loadActor, signInWithPassword } from "@capstan/usecases";
import { bootstrapEmail, firstRunSeed, seedBootstrapAdmin } from "./first-run";

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
