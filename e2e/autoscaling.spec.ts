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
