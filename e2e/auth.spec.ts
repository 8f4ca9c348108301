// Sessions and sign-in in Chromium (issue 11, findings 3 and 5): sign-out ends the session on the server,
// self-service password change, a one-time password that must be changed first, throttled sign-in, and
// the portal refusing a guessable AUTH_SECRET on its own.
import { execFileSync, spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { cliToken, DEMO, signIn, unique } from "./helpers";

const STRONG = "violet-kayak-meridian-47";

/** A new account made by a platform admin over the REST API. */
async function newAccount(page: Page, password = STRONG) {
  const email = `${unique("auth")}@capstan.local`;
  const res = await page.request.post("/api/v1/users", {
    headers: { Authorization: `Bearer ${cliToken(DEMO.admin.email)}` },
    data: { email, name: "Auth Person", password },
  });
  expect(res.status()).toBe(201);
  return { email, password };
}

test("after sign-out the old session cookie is worthless", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signedInAt = Date.now();
  await signIn(page, DEMO.viewer);
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);
  // Asking for the session reports the idle deadline (60 minutes), never more than the absolute end (12 h).
  for (let i = 0; i < 2; i++) {
    const { expires } = await (await page.request.get("/api/auth/session")).json();
    expect(Date.parse(expires)).toBeLessThanOrEqual(Date.now() + 60 * 60_000 + 5_000);
    expect(Date.parse(expires)).toBeLessThanOrEqual(signedInAt + 12 * 3_600_000);
  }
  const stolen = await context.cookies();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const replay = await browser.newContext();
  await replay.addCookies(stolen);
  const thief = await replay.newPage();
  expect((await thief.request.get("/api/v1/me")).status()).toBe(401);
  await thief.goto("/");
  await expect(thief).toHaveURL(/\/sign-in/);
  expect(await (await thief.request.get("/api/auth/session")).json()).toBeNull();
  await replay.close();
  await context.close();
});

test("people change their own password from the user menu; weak ones are refused and other sessions end", async ({ browser, page }) => {
  test.setTimeout(180_000);
  const who = await newAccount(page);
  const elsewhere = await (await browser.newContext()).newPage();
  await signIn(elsewhere, who);
  await signIn(page, who);

  await page.getByRole("link", { name: "Password" }).click();
  await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await page.getByLabel("Current password").fill("not-the-password-at-all");
  await page.getByLabel("New password", { exact: true }).fill("amber-lantern-quorum-88");
  await page.getByLabel("New password again").fill("amber-lantern-quorum-88");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("is wrong", { exact: true })).toBeVisible();

  await page.getByLabel("Current password").fill(who.password);
  await page.getByLabel("New password", { exact: true }).fill("aaaaaaaaaaaa");
  await page.getByLabel("New password again").fill("aaaaaaaaaaaa");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("repeats characters", { exact: true })).toBeVisible();

  await page.getByLabel("New password", { exact: true }).fill("amber-lantern-quorum-88");
  await page.getByLabel("New password again").fill("amber-lantern-quorum-88");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed")).toBeVisible();

  // This session goes on; the other one has ended.
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);
  expect((await elsewhere.request.get("/api/v1/me")).status()).toBe(401);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/error=1/);
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await signIn(page, { email: who.email, password: "amber-lantern-quorum-88" });
});

test("a one-time password must be changed before anything else", async ({ page }) => {
  test.setTimeout(180_000);
  const who = await newAccount(page);
  const oneTime = execFileSync("npx", ["tsx", "scripts/cli.ts", "user", "reset-password", "--user", who.email], {
    env: { ...process.env, CAPSTAN_HOME: ".capstan-e2e" },
    encoding: "utf8",
  }).trim();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(oneTime);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account\/password/);
  await expect(page.getByText("Your password was set for you")).toBeVisible();
  // Every other page and API call waits for the change.
  await page.goto("/systems");
  await expect(page).toHaveURL(/\/account\/password/);
  const blocked = await page.request.get("/api/v1/systems");
  expect(blocked.status()).toBe(403);
  expect((await blocked.json()).error.code).toBe("password_change_required");

  await page.getByLabel("Current password").fill(oneTime);
  await page.getByLabel("New password", { exact: true }).fill("saffron-delta-quiver-19");
  await page.getByLabel("New password again").fill("saffron-delta-quiver-19");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed")).toBeVisible();
  await page.getByRole("link", { name: "Back to Capstan" }).first().click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect((await page.request.get("/api/v1/systems")).status()).toBe(200);
});

test("repeated wrong passwords lock the account for a while, with a message that says so", async ({ page }) => {
  test.setTimeout(240_000);
  const who = await newAccount(page);
  const attempt = async (password: string) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/error=/);
  };
  for (let i = 0; i < 10; i++) {
    await attempt(`wrong-guess-${i}`);
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
  }
  await attempt("wrong-guess-10");
  await expect(page.getByText(/Too many attempts\. Try again in 1[45] minutes\./)).toBeVisible();
  // The right password is refused too until the window passes.
  await attempt(who.password);
  await expect(page.getByText(/Too many attempts/)).toBeVisible();
});

test("next-auth's own credentials callback reports throttling the same way as the sign-in form", async ({ page }) => {
  // Where next-auth's callback sends a throttled sign-in (the form posted to /api/auth/callback/credentials).
  await page.goto("/sign-in?error=CredentialsSignin&code=throttled-15");
  await expect(page.getByText("Too many attempts. Try again in 15 minutes.")).toBeVisible();
});

test("the demo portal, whose accounts have published passwords, answers only on loopback", async ({ request, baseURL }) => {
  const port = new URL(baseURL!).port;
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal);
  test.skip(!outside, "this machine has no non-loopback IPv4 address to try");
  expect((await request.get(`http://127.0.0.1:${port}/api/v1/health`)).status()).toBe(200);
  await expect(request.get(`http://${outside!.address}:${port}/api/v1/health`, { timeout: 5_000 })).rejects.toThrow(/ECONNREFUSED/);
});

test("`next start` alone refuses a placeholder AUTH_SECRET", async () => {
  const portal = path.resolve("apps/portal");
  const child = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", "0"], {
    cwd: portal,
    env: { ...process.env, NODE_ENV: "production", AUTH_SECRET: "change-me-to-a-long-random-string" },
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => (child.kill("SIGKILL"), resolve(null)), 60_000);
    child.once("exit", (c) => (clearTimeout(timer), resolve(c)));
  });
  expect(stderr).toContain("Capstan refuses to start: AUTH_SECRET is a placeholder value");
  expect(code).toBe(1);
});
