// The portal's shell (issue 14): global search, narrow screens, dark mode and accessibility.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

/** The ten main pages, each as a role that may open it. */
const MAIN_PAGES = ["/", "/systems", "/applications", "/groups", "/quotas", "/nodes", "/data-centres", "/departments", "/users", "/audit"];

// Ten pages each, on a machine that may be busy.
test.describe.configure({ timeout: 240_000 });

// The first sign-in of a run waits for the portal to compile its first pages; do that before the tests.
test.beforeAll(async ({ request }) => {
  await request.get("/sign-in", { timeout: 120_000 });
});

const documentWidth = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));

test("Ctrl-K finds a node by part of its name and opens its page", async ({ page }) => {
  await signIn(page, DEMO.ops);
  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog", { name: "Search systems, applications, groups, nodes and people" });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole("combobox");
  // The search box has the focus at once: what is typed goes into it.
  await expect(input).toBeFocused();
  const hit = dialog.getByRole("option", { name: /^dc1-c1-node-001/ });
  // Right after start-up the inventory may not have written the simulated nodes yet: type again until it has.
  await expect(async () => {
    await input.fill("");
    await input.fill("c1-node-001");
    await expect(hit).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 120_000 });
  await page.keyboard.press("Enter"); // the first hit is selected: the shortest name, then by name (dc1 before dc2)
  await expect(page).toHaveURL(/\/nodes\/dc1-c1\/dc1-c1-node-001$/);
  await expect(page).toHaveTitle("dc1-c1-node-001 · Capstan");
});

test("search says when nothing matches, and a developer finds no node", async ({ page }) => {
  await signIn(page, DEMO.dev);
  await page.getByRole("button", { name: /Search/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox").fill("dc1-c1-node");
  await expect(dialog.getByText("Nothing you can open matches “dc1-c1-node”.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Nodes" })).toHaveCount(0);
});

test("at 390 px the document is no wider than the viewport on the main pages", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.admin);
  for (const path of MAIN_PAGES) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
    const { scroll, viewport } = await documentWidth(page);
    expect(scroll, `${path} is ${scroll} px wide`).toBeLessThanOrEqual(viewport);
  }
  // The menu opens over the page and closes on navigation.
  await page.getByTestId("sidebar-toggle").click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Systems" }).click();
  await expect(page).toHaveURL(/\/systems$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
});

test("the sidebar hides and stays hidden after a reload", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  await page.getByTestId("sidebar-toggle").click();
  await expect(nav).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("current-user")).toBeVisible();
  await expect(nav).toBeHidden();
  await page.getByTestId("sidebar-toggle").click();
  await expect(nav).toBeVisible();
});

test("dark mode follows the system and the toggle changes the background, without a flash on reload", async ({ page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page, DEMO.admin);
  const light = await background();
  await page.emulateMedia({ colorScheme: "dark" });
  const system = await background();
  expect(system).not.toBe(light);
  await page.emulateMedia({ colorScheme: "light" });
  const toggle = page.getByTestId("theme-toggle");
  await toggle.click(); // system → light
  await expect(toggle).toHaveAttribute("data-theme-choice", "light");
  await toggle.click(); // light → dark
  await expect(toggle).toHaveAttribute("data-theme-choice", "dark");
  expect(await background()).toBe(system);
  // The server renders the choice: the first paint is dark (no script runs before it).
  const html = await (await page.request.get("/systems")).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);
});

test("every page's title names its object; an unknown page keeps the shell and a way back", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/systems");
  await expect(page).toHaveTitle("Systems · Capstan");
  await page.goto("/no-such-page");
  await expect(page.getByTestId("current-user")).toBeVisible();
  await expect(page.getByTestId("not-found")).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("axe finds no serious or critical violations on the ten main pages", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const problems: string[] = [];
  for (const path of MAIN_PAGES) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
      problems.push(`${path}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
  }
  expect(problems).toEqual([]);
});
