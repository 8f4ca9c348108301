// The embedded default's simulated data centres, seen and used through the portal.
import { expect, test } from "@playwright/test";
import { DEMO, signIn, unique } from "./helpers";

test("an admin sees both simulated data centres with healthy clusters", async ({ page }) => {
  await signIn(page, DEMO.admin);
  // The dashboard shows cluster health once, under Platform health, not again under Fleet.
  await expect(page.getByRole("heading", { name: "Clusters and registries" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Fleet", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Clusters not healthy" })).toHaveCount(0);
  await page.getByRole("link", { name: "Data centres & clusters" }).click();
  for (const dc of ["dc1", "dc2"]) await expect(page.getByTestId(`dc-${dc}`)).toContainText("Healthy", { timeout: 90_000 });
  await page.getByTestId("dc-dc1").click();
  await expect(page.getByRole("row", { name: /dc1-c1/ })).toContainText("v1.31.0-sim");
});

test("a developer sees the seeded groups running, with their pods", async ({ page }) => {
  await signIn(page, DEMO.dev);
  await page.getByRole("link", { name: "Groups", exact: true }).click();
  const row = page.getByRole("row", { name: /web-dc1/ });
  await expect(row).toContainText("Available", { timeout: 90_000 });
  await expect(row).toContainText("3/3");
  await row.getByRole("link", { name: "web-dc1" }).click();
  const pods = page.getByRole("row", { name: /storefront-web-dc1-/ });
  await expect(pods).toHaveCount(3);
  for (const pod of await pods.all()) await expect(pod).toContainText("Running");
  // Its timeline has Normal events, and what Capstan applied is what the cluster has (issue 17).
  await page.getByRole("link", { name: /Logs, usage, events/ }).click();
  await expect(page.getByRole("region", { name: "Events" }).getByRole("cell", { name: "Started" }).first()).toBeVisible();
  const applied = page.getByRole("region", { name: "What Capstan applied" });
  await expect(applied.getByText("Deployment/storefront-web-dc1")).toBeVisible();
  await expect(applied.getByText("In sync")).toHaveCount(2);
  // Another department's groups are not listed.
  await page.goto("/groups");
  await expect(page.getByRole("row", { name: /billing/ })).toHaveCount(0);

  // Filters and sort live in the URL: a filtered, sorted view survives a reload.
  await page.getByLabel("Status").selectOption("AVAILABLE");
  await page.getByLabel("Data centre").selectOption("dc1");
  await expect(page).toHaveURL(/phase=AVAILABLE.*dataCentre=dc1|dataCentre=dc1.*phase=AVAILABLE/);
  await expect(page.getByRole("row", { name: /web-dc2/ })).toHaveCount(0);
  const name = page.getByRole("columnheader", { name: "Name", exact: true });
  await name.getByRole("button").click();
  await expect(name).toHaveAttribute("aria-sort", "ascending");
  await name.getByRole("button").press("Enter");
  await expect(name).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/sort=-name/);
  // Both demo groups of the developer in dc1 are shown, web-dc1 above api.
  const names = page.locator("tbody tr td:first-child");
  const descending = () =>
    expect
      .poll(async () => {
        const shown = await names.allTextContents();
        return shown.includes("api") && shown.indexOf("web-dc1") < shown.indexOf("api") && shown.indexOf("web-dc1") >= 0;
      })
      .toBe(true);
  await descending();
  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("AVAILABLE");
  await expect(page.getByLabel("Data centre")).toHaveValue("dc1");
  await expect(name).toHaveAttribute("aria-sort", "descending");
  await descending();
  await expect(page.getByRole("row", { name: /web-dc2/ })).toHaveCount(0);
});

test("the application page shows what runs where: both data centres, each group's digest, the same bytes in both", async ({ page }) => {
  await signIn(page, DEMO.dev);
  await page.goto("/systems/shop/applications/storefront");
  const overview = page.getByRole("region", { name: "What runs where" });
  const web = overview.getByRole("group", { name: "dc1" }).getByRole("row", { name: /web-dc1/ });
  await expect(web).toContainText("3/3");
  await expect(web).toContainText(/1\.1\.0\s*[0-9a-f]{12}/);
  await expect(overview.getByRole("group", { name: "dc2" }).getByRole("row", { name: /web-dc2/ })).toContainText(/[0-9a-f]{12}/);
  await expect(overview.getByRole("list", { name: "Same digest everywhere" })).toHaveText("✓ 1.1.0: the same digest in all 3 groups");
});

test("a developer creates a group, watches it become available, scales it and deletes it", async ({ page }) => {
  const name = unique("g");
  await signIn(page, DEMO.dev);
  // The groups list's "New group" asks for the parent first: a system the developer may write in, then its application.
  await page.goto("/groups");
  await page.getByRole("button", { name: "New group" }).click();
  const picker = page.getByRole("dialog");
  await picker.getByLabel("Find a system").fill("shop");
  await picker.getByLabel("System", { exact: true }).selectOption("shop");
  await picker.getByLabel("Application", { exact: true }).selectOption("cart");
  await picker.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/systems\/shop\/applications\/cart\/groups\/new$/);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Data centre").selectOption("dc2");
  await page.getByLabel("Image tag").fill("2.0.0");
  await page.getByLabel("Replicas").fill("2");
  await page.getByLabel("CPU", { exact: true }).fill("200m");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Available")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("row", { name: new RegExp(`cart-${name}-`) })).toHaveCount(2);

  await page.getByLabel("Replicas").fill("3");
  await page.getByRole("button", { name: "Scale" }).click();
  await expect(page.getByRole("row", { name: new RegExp(`cart-${name}-`) })).toHaveCount(3, { timeout: 30_000 });

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("textbox").fill(name);
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/systems\/shop\/applications\/cart$/);
  await expect.poll(async () => (await page.request.get(`/api/v1/systems/shop/applications/cart/groups/${name}`)).status(), { timeout: 30_000 }).toBe(404);
});
