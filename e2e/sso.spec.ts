// Issue 18, single sign-on proven: Chromium signs in to the portal through a real OpenID Connect provider
// (oidc-provider, e2e/oidc-provider.ts) with the authorisation code flow and PKCE; the first sign-in makes
// the account, roles follow the `groups` claim at every sign-in (CAPSTAN_OIDC_ROLE_MAP in
// playwright.config.ts), a disabled account is refused, sign-out ends both sessions, and bad answers
// (unverified or missing email, no role claim, another issuer, an expired ID token) are refused with a
// message on the sign-in page and an audit event.
import { expect, type Page, test } from "@playwright/test";
import { E2E_OIDC } from "../playwright.config";
import { cliToken, DEMO, signIn, unique } from "./helpers";
import { type AccountClaims, startTestProvider, type TestProvider } from "./oidc-provider";

let idp: TestProvider;
let adminToken: string;

test.beforeAll(async ({ baseURL }) => {
  idp = await startTestProvider(new URL(baseURL!).origin);
  adminToken = cliToken(DEMO.admin.email);
});
test.afterAll(async () => {
  await idp?.close();
});

/** A new account at the provider; its login is also its subject. */
function account(claims: (email: string) => AccountClaims) {
  const login = unique("sso");
  const email = `${login}@corp.test`;
  idp.accounts.set(login, claims(email));
  return { login, email };
}

/**
 * Presses the sign-in page's single sign-on button and, at the provider, signs in as `login` (when it asks:
 * `expectLogin` says whether it must) and approves Capstan's access; returns on the portal.
 */
async function ssoSignIn(page: Page, login: string, { expectLogin = true } = {}) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${E2E_OIDC.name}` }).click();
  await page.waitForURL((url) => url.origin === E2E_OIDC.issuer || !url.pathname.startsWith("/sign-in") || url.search.includes("error="));
  const loginForm = page.locator('input[name="login"]');
  if (expectLogin) {
    await loginForm.fill(login);
    await page.locator('input[name="password"]').fill("any password: the development form checks none");
    await page.getByRole("button", { name: "Sign-in" }).click();
  } else {
    await expect(page).not.toHaveURL(/\/interaction\/[^/]+$/); // no login form: the provider's session was used
  }
  // The provider asks for consent once per account and client.
  await page.waitForURL((url) => url.origin !== E2E_OIDC.issuer || url.pathname.includes("/interaction/"));
  if (new URL(page.url()).origin === E2E_OIDC.issuer) await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.origin !== E2E_OIDC.issuer, { timeout: 30_000 });
}

/** The sign-in page's message (not Next's empty route announcer, which is an alert too). */
const refusal = (page: Page) => page.locator('main p[role="alert"]');

async function me(page: Page) {
  const res = await page.request.get("/api/v1/me");
  return res.status() === 200 ? ((await res.json()) as { platformRole: string | null; departments: { name: string; role: string }[] }) : res.status();
}

/** The audit events whose action starts with `action`, about `who` (an email or the provider's subject). */
async function audit(page: Page, action: string, who: string) {
  const res = await page.request.get(`/api/v1/audit?action=${encodeURIComponent(action)}&q=${encodeURIComponent(who)}`, {
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { action: string; targetId: string; before: unknown; after: Record<string, unknown> }[] }).items;
}

test("the first single sign-on makes the account with its mapped roles, by authorisation code with PKCE (S256)", async ({ page }) => {
  const { login, email } = account((email) => ({ email, email_verified: true, name: "Ana Sso", groups: ["capstan-ops", "retail-devs", "unmapped"] }));
  const before = idp.authorizationRequests.length;
  await ssoSignIn(page, login);
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 30_000 });

  const sent = idp.authorizationRequests.slice(before);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.get("response_type")).toBe("code");
  expect(sent[0]!.get("client_id")).toBe(E2E_OIDC.clientId);
  expect(sent[0]!.get("code_challenge_method")).toBe("S256");
  expect(sent[0]!.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/); // base64url of a SHA-256
  expect(sent[0]!.get("nonce")).toBeTruthy();

  expect(await me(page)).toMatchObject({ platformRole: "OPS", departments: [{ name: "retail", role: "DEVELOPER" }] });
  expect(await audit(page, "auth.sso-provisioned", email)).toHaveLength(1);
  expect((await audit(page, "auth.sign-in", email)).map((e) => e.action)).toContain("auth.sign-in");
});

test("roles follow the claim at each sign-in, and sign-out ends the session at Capstan and at the provider", async ({ page }) => {
  const { login, email } = account((email) => ({ email, email_verified: true, name: "Bo Sso", groups: ["capstan-admins", "finance-viewers"] }));
  await ssoSignIn(page, login);
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 30_000 });
  expect(await me(page)).toMatchObject({ platformRole: "PLATFORM_ADMIN", departments: [{ name: "finance", role: "VIEWER" }] });

  // Sign-out goes through the provider's end_session endpoint (it asks to confirm) and back to /sign-in.
  const logouts = idp.logouts();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.origin === E2E_OIDC.issuer);
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(idp.logouts()).toBe(logouts + 1);
  expect(await me(page)).toBe(401);

  // The provider drops the admin group; the next sign-in must log in at the provider again (its session ended).
  idp.accounts.set(login, { email, email_verified: true, name: "Bo Sso", groups: ["finance-viewers"] });
  await ssoSignIn(page, login, { expectLogin: true });
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 30_000 });
  expect(await me(page)).toMatchObject({ platformRole: null, departments: [{ name: "finance", role: "VIEWER" }] });
  const changes = await audit(page, "auth.sso-roles", email);
  expect(changes.map((e) => e.after.platformRole)).toEqual([null, "PLATFORM_ADMIN"]); // newest first
});

test("a disabled account is refused", async ({ page }) => {
  const { login, email } = account((email) => ({ email, email_verified: true, name: "Cy Sso", groups: [] }));
  const admin = { Authorization: `Bearer ${adminToken}` };
  expect((await page.request.post("/api/v1/users", { headers: admin, data: { email, name: "Cy Sso", password: "violet-kayak-meridian-47" } })).status()).toBe(
    201,
  );
  const { items } = await (await page.request.get(`/api/v1/users?q=${encodeURIComponent(email)}`, { headers: admin })).json();
  expect(
    (await page.request.patch(`/api/v1/users/${encodeURIComponent(email)}`, { headers: admin, data: { disabled: true, version: items[0].version } })).status(),
  ).toBe(200);

  await ssoSignIn(page, login);
  await expect(page).toHaveURL(/\/sign-in\?error=sso-disabled$/);
  await expect(refusal(page)).toHaveText("Your Capstan account is disabled. Ask a platform admin to enable it.");
  expect(await me(page)).toBe(401);
  expect((await audit(page, "auth.sign-in-failed", email)).map((e) => e.after)).toEqual([expect.objectContaining({ method: "oidc", reason: "disabled" })]);
});

const REFUSALS: { reason: string; message: RegExp; claims: (email: string) => AccountClaims; spoil?: (login: string) => void; auditedAs?: "login" }[] = [
  { reason: "email-unverified", message: /has not verified your email address/, claims: (email) => ({ email, email_verified: false, groups: [] }) },
  { reason: "email-missing", message: /sent no email address/, claims: () => ({ email_verified: true, groups: [] }), auditedAs: "login" },
  { reason: "role-claim-missing", message: /did not send the claim Capstan reads your roles from/, claims: (email) => ({ email, email_verified: true }) },
  {
    reason: "issuer-mismatch",
    message: /an identity provider Capstan is not set up to trust/,
    claims: (email) => ({ email, email_verified: true, groups: [] }),
    spoil: (login) => idp.misbehave.set(login, { issuer: "http://127.0.0.1:1/impostor" }),
  },
  {
    reason: "id-token-expired",
    message: /answer had already expired/,
    claims: (email) => ({ email, email_verified: true, groups: [] }),
    spoil: (login) => idp.misbehave.set(login, { expiredSecondsAgo: 120 }), // beyond next-auth's clock tolerance
  },
];

for (const r of REFUSALS) {
  test(`refuses ${r.reason}: a message on the sign-in page and an audit event`, async ({ page }) => {
    const { login, email } = account(r.claims);
    r.spoil?.(login);
    await ssoSignIn(page, login);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?error=sso-${r.reason}$`));
    await expect(refusal(page)).toHaveText(r.message);
    expect(await me(page)).toBe(401);
    const events = await audit(page, "auth.sso-refused", r.auditedAs === "login" ? login : email);
    expect(events.map((e) => e.after.reason)).toEqual([r.reason]);
    expect(
      (await page.request.get(`/api/v1/users?q=${encodeURIComponent(email)}`, { headers: { Authorization: `Bearer ${adminToken}` } }).then((x) => x.json()))
        .total,
    ).toBe(0);
  });
}

test("the refusals read in Chinese too, and the password form still works beside the single sign-on button", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "capstan-locale", value: "zh-CN", domain: new URL(baseURL!).hostname, path: "/" }]);
  await page.goto("/sign-in?error=sso-email-unverified");
  await expect(refusal(page)).toHaveText("单点登录被拒绝：身份提供方尚未验证你的邮箱地址。请先在那里完成验证再重试。");
  await expect(page.getByRole("button", { name: `使用 ${E2E_OIDC.name} 单点登录` })).toBeVisible();
  await context.clearCookies();
  await page.goto("/sign-in?error=Configuration"); // next-auth's own code for anything else
  await expect(refusal(page)).toHaveText(/Sign-in did not complete/);
  await signIn(page, DEMO.viewer);
});
