// Ops run a node's lifecycle from the browser: find it, take it offline, bring it back, read its history.
import { expect, test } from "@playwright/test";
import { csrfHeaders, DEMO, signIn, unique } from "./helpers";

test("an ops user filters the fleet, moves a node offline and back online, and sees the history", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.ops);
  // The simulator puts one node of each cluster in the dedicated cicd zone; no demo group runs there.
  // npm start admits the simulated nodes once they pass their checks: wait until this one is online.
  const rows = page.getByRole("row", { name: /dc2-c1-node-/ });
  await expect(async () => {
    await page.goto("/nodes");
    await page.getByLabel("Zone", { exact: true }).selectOption("cicd");
    await page.getByLabel("Cluster", { exact: true }).selectOption("dc2-c1");
    await expect(rows).toHaveCount(1, { timeout: 5_000 });
    await expect(rows).toContainText("Online", { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  // Column headers sort on the server (the nodes API's `sort` and `order`), kept in the URL.
  const name = page.getByRole("columnheader", { name: "Name", exact: true });
  await expect(name).toHaveAttribute("aria-sort", "ascending");
  await name.getByRole("button").click();
  await expect(name).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/order=desc/);
  await expect(rows).toHaveCount(1);
  await rows.getByRole("link").click();

  const why = unique("maintenance");
  await page.getByRole("button", { name: "Change status: Offline" }).click();
  await page.getByRole("dialog").getByLabel("Reason").fill(why);
  await page.getByRole("dialog").getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("row", { name: new RegExp(why) })).toContainText("Offline", { timeout: 30_000 });

  const back = unique("back");
  await page.getByRole("button", { name: "Change status: Online" }).click();
  await page.getByRole("dialog").getByLabel("Reason").fill(back);
  await page.getByRole("dialog").getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("row", { name: new RegExp(back) })).toContainText("Online", { timeout: 30_000 });
  await expect(page.getByRole("row", { name: new RegExp(why) })).toBeVisible();
});

test("a department admin can neither see the node list nor move a node", async ({ page, baseURL }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/nodes");
  await expect(page.getByText("You are not allowed to see this.")).toBeVisible();
  const moved = await page.request.post("/api/v1/nodes/dc1-c1/dc1-c1-node-1/transition", {
    headers: csrfHeaders(baseURL!),
    data: { to: "OFFLINE", reason: "not mine to do" },
  });
  expect(moved.status()).toBe(403);
  expect(((await moved.json()) as { error: { message: string } }).error.message).toContain("Only platform admins and ops");
});
