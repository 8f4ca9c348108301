// Autoscaling within quota through the portal (issue 17): a developer turns autoscaling on for a group and
// watches its replicas rise once its load is raised (the simulator's admin endpoint sets the load; its
// HPA controller follows it every 15 s, as kube-controller-manager does).
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cliToken, DEMO, signIn, unique } from "./helpers";

/** Sets the simulated load of a group's pods, as `npm start` wrote the simulator's admin endpoint. */
async function setLoad(group: string, cpuTotal: number) {
  const { url } = JSON.parse(fs.readFileSync(path.join(".capstan-e2e", "sim", "admin.json"), "utf8")) as { url: string };
  const body = { action: "setLoad", target: "dc1-c1", namespace: "shop", labelSelector: `capstan.io/group=${group}`, cpuTotal };
  const res = await fetch(`${url}/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

test("a developer turns autoscaling on and watches replicas rise after the load is raised", async ({ page, request }) => {
  test.setTimeout(240_000);
  const name = unique("as");
  const api = `/api/v1/systems/shop/applications/cart/groups`;
  const auth = { Authorization: `Bearer ${cliToken(DEMO.dev.email)}` };
  const spec = { name, dataCentre: "dc1", imageTag: "2.0.0", replicas: 1, cpu: "100m", memory: "128Mi" };
  expect((await request.post(api, { headers: auth, data: spec })).status()).toBe(201);
  try {
    await signIn(page, DEMO.dev);
    await page.goto(`/systems/shop/applications/cart/groups/${name}`);
    await expect(page.getByText("Available")).toBeVisible({ timeout: 90_000 });
    const card = page.getByRole("region", { name: "Autoscaling" });
    await expect(card).toContainText("Off: the replica count is set by hand");

    // Turned on from the keyboard: the dialog's fields in order, Enter submits.
    await card.getByRole("button", { name: "Turn on autoscaling" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Minimum replicas").fill("1");
    await dialog.getByLabel("Maximum replicas").fill("3");
    await dialog.getByLabel("Target CPU utilisation (%)").fill("50");
    await dialog.getByLabel("Target CPU utilisation (%)").press("Enter");
    await expect(dialog).toBeHidden();
    await expect(card.getByTestId("autoscaling-min")).toHaveText("1");
    await expect(card.getByTestId("autoscaling-max")).toHaveText("3");
    // the replica count is the autoscaler's now: the scale control says so
    await expect(page.getByRole("button", { name: "Scale", exact: true })).toBeDisabled();
    await expect(page.getByText(/autoscales between 1 and 3 pods: change its minimum or maximum/)).toBeVisible();
    await expect(card.getByTestId("autoscaling-current")).toHaveText("1", { timeout: 60_000 });

    // five pods' worth of CPU shared by the group's pods: far over the 50 % target, so it rises to its maximum
    await setLoad(name, 5);
    await expect(card.getByTestId("autoscaling-current")).toHaveText("3", { timeout: 120_000 });
    await expect(page.getByRole("row", { name: new RegExp(`cart-${name}-`) })).toHaveCount(3, { timeout: 60_000 });
    await expect(card).toContainText("Held at the maximum", { timeout: 60_000 });
  } finally {
    await setLoad(name, 0);
    await request.delete(`${api}/${name}`, { headers: auth });
  }
});

test("a developer creates a memory-autoscaled group from the new-group form and sees it charted by memory, at a resolution the chart names", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const name = unique("asm");
  const api = `/api/v1/systems/shop/applications/cart/groups`;
  const auth = { Authorization: `Bearer ${cliToken(DEMO.dev.email)}` };
  try {
    await signIn(page, DEMO.dev);
    await page.goto("/systems/shop/applications/cart/groups/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Data centre").selectOption("dc1");
    await page.getByLabel("Image tag").fill("2.0.0");
    await page.getByLabel("Replicas").fill("1");
    await page.getByLabel("CPU", { exact: true }).fill("100m");
    await page.getByLabel("Memory", { exact: true }).fill("128Mi");
    // The form offers autoscaling with the group page's own fields, and says what the quota holds.
    await page.getByLabel("Autoscale this group").check();
    await expect(page.getByText("The system's quota holds the group at its maximum")).toBeVisible();
    // Validated as the API validates it: a maximum below the minimum is refused at that field.
    await page.getByLabel("Minimum replicas").fill("3");
    await page.getByLabel("Maximum replicas").fill("2");
    await page.getByRole("button", { name: "Create" }).click();
    await expect(page.getByLabel("Maximum replicas")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("must be at least minReplicas", { exact: true })).toBeVisible();
    await page.getByLabel("Minimum replicas").fill("1");
    await page.getByLabel("Target CPU utilisation (%)").fill("");
    await page.getByLabel("Target memory utilisation (%)").fill("60");
    await page.getByLabel("Scaling behaviour").selectOption("fast");
    await page.getByRole("button", { name: "Create" }).click();

    await expect(page.getByRole("heading", { name })).toBeVisible();
    const card = page.getByRole("region", { name: "Autoscaling" });
    await expect(card.getByTestId("autoscaling-min")).toHaveText("1");
    await expect(card.getByTestId("autoscaling-max")).toHaveText("2");
    await expect(card).toContainText("target 60 %");
    await expect(card).toContainText("Behaviour: Fast");
    // its pod must run before there is usage to chart (npm start admits the simulated nodes once they pass their checks)
    await expect(page.getByText("Available")).toBeVisible({ timeout: 90_000 });

    // The observe page charts the resource the autoscaler targets: memory, not CPU.
    await page.goto(`/systems/shop/applications/cart/groups/${name}/observe`);
    await expect(page.getByRole("heading", { name: "Memory utilisation (% of request)" })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole("heading", { name: "CPU utilisation (% of request)" })).toHaveCount(0);

    // A memory request and limit are equal: their names must not be drawn on top of each other.
    const memory = page.locator(".card", { has: page.getByRole("heading", { name: "Memory (MiB)" }) });
    const [req, lim] = [await memory.getByText(/^request/).boundingBox(), await memory.getByText(/^limit/).boundingBox()];
    expect(req && lim).toBeTruthy();
    const apart = req!.x + req!.width <= lim!.x || lim!.x + lim!.width <= req!.x || req!.y + req!.height <= lim!.y || lim!.y + lim!.height <= req!.y;
    expect(apart).toBe(true);

    // Seven days of a group minutes old: no hours are rolled up yet, so the chart shows its finer points and says so.
    await page.getByRole("group", { name: "Range" }).getByRole("button", { name: "7 days" }).click();
    await expect(page.getByTestId("metrics-sources")).toContainText("A point every 1 h", { timeout: 30_000 });
    await expect(page.getByTestId("metrics-sources")).toContainText("15 s figures since");
    await expect(page.getByText("No usage recorded in this range yet")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Memory utilisation (% of request)" })).toBeVisible();
  } finally {
    await request.delete(`${api}/${name}`, { headers: auth });
  }
});
