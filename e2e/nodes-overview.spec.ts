import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("ops see the simulated data centres' nodes counted on the fleet overview", async ({ page }) => {
  await signIn(page, DEMO.ops);
  // Ops have no Platform health section, so the Fleet section keeps cluster health.
  await expect(page.getByRole("heading", { name: "Clusters not healthy" })).toBeVisible();
  await page.goto("/nodes");
  await page.getByRole("link", { name: "Fleet overview" }).click();
  await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
  // Two data centres × CAPSTAN_SIM_NODES (12) nodes, once the worker's inventory has reported them all.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("definition").first()).toHaveText("24", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const byStatus = page.getByRole("region", { name: "Nodes by status" });
  for (const cluster of ["dc1 · dc1-c1", "dc2 · dc2-c1"]) await expect(byStatus.getByRole("rowheader", { name: cluster })).toBeVisible();
  // The pivots are the one data table: each count sorts, and capacity is written in cores and binary units.
  await byStatus.getByRole("button", { name: "Total" }).click();
  // TanStack Table sorts a numeric column largest first on the first click.
  await expect(byStatus.getByRole("columnheader", { name: "Total" })).toHaveAttribute("aria-sort", "descending");
  const capacity = page.getByRole("table", { name: "Per cluster" });
  await expect(capacity.getByRole("rowheader", { name: "Total" })).toBeVisible();
  await expect(capacity.getByText(/ cores requested \(\d+%\); capacity \d+(\.\d+)? cores/).first()).toBeVisible();
  const api = await page.request.get("/api/v1/nodes/overview");
  expect(api.status()).toBe(200);
  expect(((await api.json()) as { clusters: { nodes: number }[] }).clusters.map((c) => c.nodes)).toEqual([12, 12]);
});

test("a department admin cannot see the fleet overview", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/nodes/overview");
  await expect(page.getByText("You are not allowed to see this.")).toBeVisible();
  expect((await page.request.get("/api/v1/nodes/overview")).status()).toBe(403);
});
