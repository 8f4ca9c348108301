import { execFileSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";

export const DEMO = {
  admin: { email: "admin@capstan.local", password: "admin-demo-pass" },
  ops: { email: "ops@capstan.local", password: "ops-demo-pass" },
  lead: { email: "lead@capstan.local", password: "lead-demo-pass" },
  dev: { email: "dev@capstan.local", password: "dev-demo-pass" },
  viewer: { email: "viewer@capstan.local", password: "viewer-demo-pass" },
} as const;

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The first sign-in after npm start hashes a password and renders cold pages; on a loaded machine that passes 10 s.
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 30_000 });
}

/** A token from the operator CLI, exactly as an operator would make one, against the e2e database. */
export function cliToken(email: string, expires = "1d"): string {
  return execFileSync("npx", ["tsx", "scripts/cli.ts", "token", "create", "--user", email, "--expires", expires], {
    env: { ...process.env, CAPSTAN_HOME: ".capstan-e2e" },
    encoding: "utf8",
  }).trim();
}

export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

/**
 * What the portal's own pages send with a cookie-authenticated change to /api/v1, for tests that use the
 * browser's session outside a page (`page.request`): the portal's origin and the custom header.
 */
export const csrfHeaders = (portal: string) => ({ Origin: portal, "X-Capstan-Csrf": "1" });
