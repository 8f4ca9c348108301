// What the worker cannot put in place is shown on the object's page (issue 13): a system whose Harbor
// project the registry refuses to make says so, with the reason and the attempts, and the notice goes once
// the registry answers again. The registry's refusals are the simulator's faults (its admin endpoint).
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cliToken, DEMO, signIn, unique } from "./helpers";

/** Sets or clears a fault on the simulated data centre's registry, as `npm start` wrote its admin endpoint. */
async function registryFault(body: Record<string, unknown>) {
  const { url } = JSON.parse(fs.readFileSync(path.join(".capstan-e2e", "sim", "admin.json"), "utf8")) as { url: string };
  const res = await fetch(`${url}/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

test("a system whose Harbor project cannot be made says why on its page, until it is made", async ({ page, request }) => {
  test.setTimeout(180_000);
  const auth = { Authorization: `Bearer ${cliToken(DEMO.lead.email)}` };
  const system = unique("unplaced");
  expect((await request.post("/api/v1/systems", { headers: auth, data: { name: system, displayName: "Unplaced", department: "retail" } })).status()).toBe(201);
  await signIn(page, DEMO.lead);
  const notice = page.getByRole("alert").filter({ hasText: "Harbor project in dc1" });

  await registryFault({ action: "set", target: "dc1", errorRate: 1, errorCode: 500 });
  try {
    const quota = { cpu: "1", memory: "1Gi", gpu: 0, instances: 2 };
    expect((await request.put(`/api/v1/systems/${system}/quotas/dc1`, { headers: auth, data: quota })).status()).toBe(200);
    await expect(async () => {
      await page.goto(`/systems/${system}`);
      await expect(notice).toContainText("InternalError", { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    await expect(notice).toContainText(/failed attempts since the last success/);
  } finally {
    await registryFault({ action: "clear", target: "dc1" });
  }

  await expect(async () => {
    await page.goto(`/systems/${system}`);
    await expect(page.getByRole("heading", { name: system })).toBeVisible({ timeout: 1_000 });
    await expect(notice).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 120_000 });
});
