// Safe actions: a role change is saved only by an explicit, confirmed action and can be undone; scaling to
// 0 asks first.
import { expect, type Page, test } from "@playwright/test";
import { csrfHeaders, DEMO, signIn, unique } from "./helpers";

const MEMBERS = "/api/v1/departments/retail/members";
const roleOf = async (page: Page, email: string) =>
  ((await (await page.request.get(MEMBERS)).json()).items as { email: string; role: string }[]).find((m) => m.email === email)?.role;

test("a role change needs confirmation, and can be undone", async ({ browser, baseURL }) => {
  const email = `${unique("role")}@capstan.local`;
  const admin = await browser.newPage();
  await signIn(admin, DEMO.admin);
  const created = await admin.request.post("/api/v1/users", {
    headers: csrfHeaders(baseURL!),
    data: { email, name: "Role Person", password: "a long enough password" },
  });
  expect(created.status()).toBe(201);
  await admin.close();

  const lead = await browser.newPage();
  await signIn(lead, DEMO.lead);
  expect((await lead.request.post(MEMBERS, { headers: csrfHeaders(baseURL!), data: { email, role: "VIEWER" } })).status()).toBe(201);
  await lead.goto("/departments/retail");
  const members = lead.getByRole("region", { name: /Members/ });
  const select = members.getByRole("combobox", { name: `Role: ${email}` });

  // One arrow key only chooses (Viewer is the last role); nothing is saved.
  await select.focus();
  await lead.keyboard.press("ArrowUp");
  await expect(select).not.toHaveValue("VIEWER");
  await lead.waitForTimeout(500);
  expect(await roleOf(lead, email)).toBe("VIEWER");
  await members.getByRole("button", { name: "Cancel" }).click();
  await expect(select).toHaveValue("VIEWER");

  // Saving asks first; Cancel in the dialog changes nothing.
  await select.selectOption("DEVELOPER");
  await members.getByRole("button", { name: "Save role" }).click();
  const dialog = lead.getByRole("dialog", { name: `Change the role of ${email}?` });
  await expect(dialog).toContainText("goes from Viewer to Developer");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await roleOf(lead, email)).toBe("VIEWER");
  await members.getByRole("button", { name: "Save role" }).click();
  await dialog.getByRole("button", { name: "Save role" }).click();
  await expect(members.getByRole("status")).toHaveText(new RegExp(`${email} is now Developer\\.`));
  expect(await roleOf(lead, email)).toBe("DEVELOPER");
  await expect(select).toHaveValue("DEVELOPER");

  // Undo puts the previous role back.
  await members.getByRole("button", { name: "Undo" }).click();
  await expect(members.getByRole("status")).toHaveCount(0);
  await expect.poll(() => roleOf(lead, email)).toBe("VIEWER");
  await expect(select).toHaveValue("VIEWER");
});

test("scaling a group to 0 asks first", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const name = unique("zero");
  const url = `/api/v1/systems/shop/applications/cart/groups/${name}`;
  await signIn(page, DEMO.dev);
  const res = await page.request.post("/api/v1/systems/shop/applications/cart/groups", {
    headers: csrfHeaders(baseURL!),
    data: { name, dataCentre: "dc2", imageTag: "2.0.0", replicas: 1, cpu: "100m", memory: "128Mi" },
  });
  expect(res.status()).toBe(201);
  await page.goto(`/systems/shop/applications/cart/groups/${name}`);

  await page.getByLabel("Replicas").fill("0");
  await page.getByRole("button", { name: "Scale", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Scale ${name} to 0?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect((await (await page.request.get(url)).json()).replicas).toBe(1);

  await page.getByRole("button", { name: "Scale", exact: true }).click();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await (await page.request.get(url)).json()).replicas).toBe(0);
  await page.request.delete(url, { headers: csrfHeaders(baseURL!) });
});
