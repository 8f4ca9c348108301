// Status that tells the truth: a healthy scale reads "Scaling", never "Degraded"; a placement preview over
// quota names the quota, in readable units.
import { expect, type Page, test } from "@playwright/test";
import { csrfHeaders, DEMO, signIn, unique } from "./helpers";

const groupsOf = "/api/v1/systems/shop/applications/cart/groups";

async function createGroup(page: Page, portal: string, name: string, replicas: number) {
  const res = await page.request.post(groupsOf, {
    headers: csrfHeaders(portal),
    data: { name, dataCentre: "dc2", imageTag: "2.0.0", replicas, cpu: "100m", memory: "128Mi" },
  });
  expect(res.status()).toBe(201);
  await expect.poll(async () => (await (await page.request.get(`${groupsOf}/${name}`)).json()).phase, { timeout: 90_000 }).toBe("AVAILABLE");
}

test("scaling a healthy group 2 → 3 reads Scaling until it is Available, never Degraded", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const name = unique("hs");
  await signIn(page, DEMO.dev);
  await createGroup(page, baseURL!, name, 2);
  await page.goto(`/systems/shop/applications/cart/groups/${name}`);
  await expect(page.getByText("Available", { exact: true })).toBeVisible();
  // Every status the page renders from now on, and every phase the API reports while polling.
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { seen: Set<string> }).seen = seen;
    const record = () => document.querySelectorAll("dl dd span").forEach((s) => seen.add(s.textContent ?? ""));
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const phases = new Set<string>();
  let polling = true;
  const poll = (async () => {
    while (polling) {
      phases.add((await (await page.request.get(`${groupsOf}/${name}`)).json()).phase);
      await new Promise((r) => setTimeout(r, 150));
    }
  })();

  await page.getByLabel("Replicas").fill("3");
  const scaled = page.waitForResponse((r) => r.url().endsWith(`/${name}/scale`));
  await page.getByRole("button", { name: "Scale", exact: true }).click();
  expect((await (await scaled).json()).phase).toBe("SCALING");
  await expect(page.getByRole("row", { name: new RegExp(`cart-${name}-`) })).toHaveCount(3, { timeout: 60_000 });
  await expect
    .poll(async () => (await (await page.request.get(`${groupsOf}/${name}`)).json()) as { phase: string; readyReplicas: number }, { timeout: 60_000 })
    .toMatchObject({ phase: "AVAILABLE", readyReplicas: 3 });
  await expect(page.getByText("Available", { exact: true })).toBeVisible();
  polling = false;
  await poll;

  expect([...phases]).not.toContain("DEGRADED");
  const rendered = await page.evaluate(() => [...(window as unknown as { seen: Set<string> }).seen]);
  expect(rendered).not.toContain("Degraded");
  expect(rendered).toContain("Scaling");
  await page.request.delete(`${groupsOf}/${name}`, { headers: csrfHeaders(baseURL!) });
});

test("a placement preview over the system's quota says the quota stops it, in readable units", async ({ page }) => {
  await signIn(page, DEMO.dev);
  await page.goto("/systems/shop/applications/cart");
  await page.getByRole("link", { name: "New group" }).click();
  await page.getByLabel("Name", { exact: true }).fill(unique("oq"));
  await page.getByLabel("Data centre").selectOption("dc2");
  await page.getByLabel("Image tag").fill("2.0.0");
  await page.getByLabel("Replicas").fill("1");
  await page.getByLabel("CPU", { exact: true }).fill("100m");
  // shop has 16Gi of memory in dc2: the nodes have room for one such replica, the quota has not
  await page.getByLabel("Memory", { exact: true }).fill("20Gi");
  await page.getByRole("button", { name: "Preview placement" }).click();
  const preview = page.getByRole("region", { name: "Placement preview" });
  await expect(preview.getByRole("status")).toHaveText(
    "The system's quota in dc2 has no room for this group; the nodes are not what stops it. Ask for more quota, or ask for less.",
  );
  const free = preview
    .getByRole("row", { name: /dc2-c1/ })
    .getByRole("cell")
    .nth(2);
  await expect(free).toHaveText(/\d(\.\d)? (MiB|GiB|TiB)/);
  await expect(free).not.toHaveText(/\dMi\b/);
});

test("when the portal loses the server it says the data may be stale, and an action fails with a message", async ({ page, context }) => {
  await signIn(page, DEMO.dev);
  await page.goto("/systems/shop/applications/storefront/groups/web-dc1");
  await expect(page.getByRole("heading", { name: "web-dc1" })).toBeVisible();
  await expect(page.getByText("Connection lost: data may be stale.", { exact: false })).toHaveCount(0);
  await context.setOffline(true);
  await expect(page.getByRole("alert").filter({ hasText: "Connection lost: data may be stale." })).toBeVisible();
  await page.getByLabel("Replicas").fill("4");
  await page.getByRole("button", { name: "Scale", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not reach the server: the connection is lost." })).toBeVisible();
  await expect(page.getByText("Failed to fetch")).toHaveCount(0);
  await context.setOffline(false);
  await expect(page.getByRole("alert").filter({ hasText: "Connection lost" })).toHaveCount(0, { timeout: 15_000 });
});
