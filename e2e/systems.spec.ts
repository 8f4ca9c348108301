import { expect, test } from "@playwright/test";
import { csrfHeaders, DEMO, signIn, unique } from "./helpers";

test("a department admin creates a system and an application, finds them, sees the audit entry, signs out", async ({ page }) => {
  const system = unique("e2e-sys");
  await signIn(page, DEMO.lead);

  await page.getByRole("link", { name: "Systems", exact: true }).click();
  await page.getByRole("link", { name: "New system" }).click();
  await page.getByLabel("Name", { exact: true }).fill(system);
  await page.getByLabel("Display name").fill("End-to-end system");
  await page.getByLabel("Network isolation").selectOption("OPEN");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: system })).toBeVisible();

  await page.getByRole("link", { name: "New application" }).click();
  await page.getByLabel("Name", { exact: true }).fill("checkout");
  await page.getByLabel("Display name").fill("Checkout");
  await page.getByLabel("Runtime").selectOption("JAVA");
  await page.getByLabel("Port").fill("8443");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: "checkout" })).toBeVisible();
  await expect(page.getByText("HTTP 8443")).toBeVisible();

  // Both show up in the lists, found by search.
  await page.goto("/systems");
  await page.getByRole("searchbox").fill(system);
  await expect(page.getByRole("link", { name: system })).toBeVisible();
  await expect(page.getByRole("link", { name: "shop" })).toBeHidden();
  await page.goto("/applications");
  await page.getByRole("searchbox").fill("checkout");
  const row = page.getByRole("row", { name: new RegExp(system) });
  await expect(row.getByRole("link", { name: "checkout" })).toBeVisible();

  // The dashboard has the department admin's section, and reads the change as a sentence linking to the system.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "For your departments" })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(`created system ${system}$`) }).click();
  await expect(page.getByRole("heading", { name: system })).toBeVisible();

  // The audit log names both changes and who made them. It is shared with every other test's changes,
  // so the entries are looked up by the system's name rather than expected on the first page.
  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByRole("searchbox").fill(system);
  await expect(page.getByRole("row", { name: new RegExp(`system\\.create.*system ${system}`) })).toContainText("Li Lead");
  await page.getByRole("searchbox").fill("checkout"); // an application's entry is named by the application
  await expect(page.getByRole("row", { name: new RegExp(`application\\.create.*${system}/checkout`) })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/systems");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("deleting a system that still has applications is refused with their names, then works once they are gone", async ({ page, baseURL }) => {
  const system = unique("e2e-del");
  await signIn(page, DEMO.lead);
  const api = page.request;
  expect(
    (await api.post("/api/v1/systems", { headers: csrfHeaders(baseURL!), data: { name: system, displayName: "To delete", department: "retail" } })).status(),
  ).toBe(201);
  expect(
    (await api.post(`/api/v1/systems/${system}/applications`, { headers: csrfHeaders(baseURL!), data: { name: "web", displayName: "Web" } })).status(),
  ).toBe(201);

  await page.goto(`/systems/${system}`);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Delete" })).toBeDisabled();
  await dialog.getByRole("textbox").fill(system);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog.getByRole("alert")).toContainText(`still has applications: web`);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  expect((await api.delete(`/api/v1/systems/${system}/applications/web`, { headers: csrfHeaders(baseURL!) })).status()).toBe(204);
  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("textbox").fill(system);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/systems$/);
  expect((await api.get(`/api/v1/systems/${system}`)).status()).toBe(404);
});

test("a viewer sees systems but cannot create one: no button, and the server refuses", async ({ page, baseURL }) => {
  await signIn(page, DEMO.viewer);
  await page.goto("/systems");
  await expect(page.getByRole("link", { name: "shop" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New system" })).toHaveCount(0);
  // Nor an application or a group: the viewer may write in no system.
  await page.goto("/applications");
  await expect(page.getByRole("heading", { name: "Applications" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New application" })).toHaveCount(0);
  const refused = await page.request.post("/api/v1/systems", {
    headers: csrfHeaders(baseURL!),
    data: { name: unique("nope"), displayName: "No", department: "retail" },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
  const app = await page.request.post("/api/v1/systems/shop/applications", { headers: csrfHeaders(baseURL!), data: { name: "nope", displayName: "No" } });
  expect(app.status()).toBe(403);
  // Another department's system does not exist as far as the viewer can tell.
  expect((await page.request.get("/api/v1/systems/ledger")).status()).toBe(404);
});

test("the portal speaks Chinese when asked", async ({ page }) => {
  await signIn(page, DEMO.dev);
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("link", { name: "系统", exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("link", { name: "Systems", exact: true })).toBeVisible();
});
