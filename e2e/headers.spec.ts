// Security headers in Chromium: every page passes its Content-Security-Policy without a violation, every
// response carries the headers of docs/security/browser.md, and no other origin can frame the portal.
import { expect, type Page, type Response, test } from "@playwright/test";
import { type Attacker, startAttacker } from "./attacker";
import { cliToken, DEMO, signIn } from "./helpers";

const NOT_FOUND = "/no-such-page";
const PAGES = [
  "/",
  "/systems",
  "/systems/shop",
  "/systems/shop/applications/storefront",
  "/systems/shop/applications/storefront/groups/web-dc1",
  "/systems/shop/applications/storefront/groups/new",
  "/systems/new",
  "/applications",
  "/groups",
  "/nodes",
  "/nodes/overview",
  "/nodes/policy",
  "/nodes/dc1-c1/dc1-c1-node-001",
  "/data-centres",
  "/data-centres/dc1",
  "/departments",
  "/departments/retail",
  "/users",
  "/tokens",
  "/audit",
  "/quotas",
  NOT_FOUND,
];

/** Every console error and uncaught exception, and every CSP violation the page reports about itself. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    // The not-found page answers 404, which Chromium reports as a failed load of the document itself.
    if (page.url().endsWith(NOT_FOUND) && m.text().includes("status of 404")) return;
    if (m.type() === "error" || /Content Security Policy|Permissions-Policy/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
  return problems;
}

/** The headers every page, asset and API answer carries, over plain http. */
function expectCommonHeaders(response: { headers(): Record<string, string> } | null, what: string) {
  const h = response!.headers();
  expect.soft(h["x-content-type-options"], what).toBe("nosniff");
  expect.soft(h["x-frame-options"], what).toBe("DENY");
  expect.soft(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect.soft(h["permissions-policy"], what).toContain("camera=()");
  expect.soft(h["strict-transport-security"], what).toBeUndefined();
  expect.soft(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
}

test("every page passes its nonce-based CSP in Chromium and carries the security headers", async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`)),
  );
  const problems = watchConsole(page);
  const assets: Response[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/_next/static/")) assets.push(r);
  });

  await signIn(page, DEMO.admin);
  for (const path of PAGES) {
    const response = await page.goto(path);
    await page.waitForLoadState("networkidle");
    expectCommonHeaders(response, path);
    const csp = response!.headers()["content-security-policy"] ?? "";
    for (const directive of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "'strict-dynamic'"]) expect.soft(csp, path).toContain(directive);
    expect.soft(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect.soft(csp, path).not.toContain("unsafe-eval");
  }
  // A client-side navigation loads more chunks under the same document's policy.
  await page.goto("/");
  await page.getByRole("link", { name: "Data centres & clusters" }).click();
  await expect(page.getByTestId("dc-dc1")).toBeVisible();
  await page.getByRole("link", { name: "Audit" }).click();
  await page.waitForLoadState("networkidle");

  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets.slice(0, 5)) expect.soft(asset.headers()["x-content-type-options"], asset.url()).toBe("nosniff");
  expect(problems).toEqual([]);
});

test("each page gets a fresh nonce that every one of its inline and framework scripts carries", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const response = await request.get("/sign-in");
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeDefined();
    nonces.add(nonce!);
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(2);
});

test("API answers are never cached and carry a policy that allows nothing", async ({ request }) => {
  const auth = { Authorization: `Bearer ${cliToken(DEMO.viewer.email)}` };
  const answers = {
    me: await request.get("/api/v1/me", { headers: auth }),
    unauthenticated: await request.get("/api/v1/systems"),
    "not found": await request.get("/api/v1/systems/no-such-system", { headers: auth }),
    health: await request.get("/api/v1/health"),
  };
  for (const [what, response] of Object.entries(answers)) {
    expectCommonHeaders(response, what);
    expect.soft(response.headers()["cache-control"], what).toBe("no-store");
    expect.soft(response.headers()["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  }
});

test("Strict-Transport-Security is sent only when the portal is reached over https", async ({ request }) => {
  expect((await request.get("/sign-in")).headers()["strict-transport-security"]).toBeUndefined();
  const proxied = await request.get("/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
  expect(proxied.headers()["strict-transport-security"]).toBe("max-age=31536000");
  expect(proxied.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test.describe("framing", () => {
  let attacker: Attacker;
  test.beforeAll(async ({}, info) => {
    const portal = info.project.use.baseURL!;
    attacker = await startAttacker({ "/frame": `<!doctype html><iframe src="${portal}/systems/shop/applications/storefront/groups/web-dc1"></iframe>` });
  });
  test.afterAll(() => attacker?.close());

  test("a page on another origin cannot frame the portal to clickjack its Restart and Delete buttons", async ({ page }) => {
    await signIn(page, DEMO.dev);
    const refused = page.waitForEvent("console", (m) => m.text().includes("frame-ancestors 'none'"));
    await page.goto(`${attacker.origin}/frame`);
    await refused;
    await expect(page.frameLocator("iframe").getByRole("button", { name: "Delete" })).toHaveCount(0);
  });
});
