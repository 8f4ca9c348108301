import { expect, test } from "@playwright/test";
import { csrfHeaders, DEMO, signIn, unique } from "./helpers";

test("a platform admin creates an account, a department admin makes it a developer in a system, and it can deploy there", async ({ browser, baseURL }) => {
  const email = `${unique("newbie")}@capstan.local`;
  const password = "a long enough password";

  const admin = await browser.newPage();
  await signIn(admin, DEMO.admin);
  await admin.getByRole("link", { name: "People" }).click();
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Name", { exact: true }).fill("New Person");
  await admin.getByLabel("Initial password").fill(password);
  await admin.getByRole("button", { name: "Create" }).click();
  await admin.getByRole("searchbox").fill(email);
  await expect(admin.getByRole("row", { name: new RegExp(email) })).toContainText("Active");
  await admin.close();

  const lead = await browser.newPage();
  await signIn(lead, DEMO.lead);
  await lead.goto("/departments/retail");
  const members = lead.getByRole("region", { name: /Members/ });
  await members.getByLabel("Member email").fill(email);
  await members.getByRole("combobox", { name: "Role", exact: true }).selectOption("DEVELOPER");
  await members.getByRole("button", { name: "Add member" }).click();
  await expect(members.getByText(email)).toBeVisible();
  await lead.goto("/systems/shop");
  const sysMembers = lead.getByRole("region", { name: /Members/ });
  await sysMembers.getByLabel("Member email").fill(email);
  await sysMembers.getByRole("button", { name: "Add member" }).click();
  await expect(sysMembers.getByText(email)).toBeVisible();
  await lead.close();

  const newbie = await browser.newPage();
  await signIn(newbie, { email, password });
  await expect(newbie.getByTestId("current-user")).toContainText("Developer");
  const created = await newbie.request.post("/api/v1/systems/shop/applications", {
    headers: csrfHeaders(baseURL!),
    data: { name: unique("first"), displayName: "First" },
  });
  expect(created.status()).toBe(201);
  expect(
    (await newbie.request.post("/api/v1/systems/search/applications", { headers: csrfHeaders(baseURL!), data: { name: "nope", displayName: "No" } })).status(),
  ).toBe(403);
  await newbie.close();
});
