// Seeing and steering a running group in the browser (issue 17): a developer follows web-dc1's merged logs
// (lines of several pods, new ones arriving), opens a terminal on one of its pods and runs `hostname`, and sees
// the group's CPU chart rise after the simulator's load model is raised through its admin endpoint; a viewer
// of the same system gets no terminal, and the ticket API refuses one (403).
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { E2E_HOME } from "../playwright.config";
import { csrfHeaders, DEMO, signIn } from "./helpers";

const GROUP = "/systems/shop/applications/storefront/groups/web-dc1";
const API = `/api/v1${GROUP}`;
const CLUSTER = "dc1-c1";

/** The simulator's admin endpoint (packages/sim/src/admin.ts), as `npm start`'s simulator records it under CAPSTAN_HOME. */
async function simAdmin(body: Record<string, unknown>) {
  const { url } = JSON.parse(readFileSync(path.join(E2E_HOME, "sim", "admin.json"), "utf8")) as { url: string };
  const res = await fetch(`${url}/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The group's CPU in use in all, in millicores, as the CPU chart's label says it for screen readers. */
async function cpuInUse(page: Page): Promise<number> {
  const label = await page.getByRole("img", { name: /^CPU of \d+ pods:/ }).getAttribute("aria-label");
  return Number(/: (\d+)m in use/.exec(label ?? "")?.[1] ?? NaN);
}

/** The names of web-dc1's running pods, once all three run (right after npm start they wait for the nodes' admission). */
async function runningPods(page: Page): Promise<string[]> {
  await page.goto(GROUP);
  const rows = page.getByRole("row", { name: /storefront-web-dc1-/ }).filter({ hasText: "Running" });
  await expect(rows).toHaveCount(3, { timeout: 90_000 });
  return (await rows.allTextContents()).map((r) => /storefront-web-dc1-[a-z0-9]+-[a-z0-9]+/.exec(r)![0]);
}

test("a developer follows merged logs, runs hostname in a terminal and sees the CPU chart rise with the load", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.dev);
  const pods = await runningPods(page);
  expect(pods).toHaveLength(3);

  // 1. A terminal on the second pod: `hostname` prints the pod's name on a line of its own.
  const pod = pods[1]!;
  const shell = page.getByRole("region", { name: "Terminal" });
  await shell.getByRole("combobox", { name: "Pod" }).selectOption(pod);
  await shell.getByRole("button", { name: "Open terminal" }).click();
  await expect(shell.getByRole("status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  const terminal = shell.getByTestId("terminal");
  await expect(terminal).toContainText("/ #");
  await terminal.click();
  await page.keyboard.type("hostname");
  await page.keyboard.press("Enter");
  // xterm draws a row per div; the answer is a row holding only the name (the banner and the command echo hold more).
  await expect(terminal.locator(".xterm-rows > div").filter({ hasText: new RegExp(`^\\s*${pod}\\s*$`) })).toHaveCount(1);
  await shell.getByRole("button", { name: "Close" }).click();

  // 2. The observe page follows the merged logs: lines of more than one pod, and more keep arriving.
  await page.goto(`${GROUP}/observe`);
  const logs = page.getByRole("region", { name: "Logs" });
  const lines = logs.getByTestId("log-lines");
  const count = logs.getByText(/^\d+ lines/);
  await expect(count).toContainText("following");
  // Each merged line starts with its pod's name; the rows drawn (the newest, as it follows) name more than one.
  const podsShown = async () => {
    const text = (await lines.textContent()) ?? "";
    return pods.filter((p) => text.includes(p)).length;
  };
  await expect.poll(podsShown, { timeout: 20_000 }).toBeGreaterThan(1);
  const before = Number((await count.textContent())!.split(" ")[0]);
  await expect.poll(async () => Number((await count.textContent())!.split(" ")[0]), { timeout: 15_000 }).toBeGreaterThan(before);
  // Searching while following shows a highlighted match: each container's third line ("listening on :8080")
  // is far above the newest rows in view (24 of them), and typing brings the nearest match into view,
  // pausing follow. Before, the count of matches changed and the view stayed on the newest lines.
  await expect.poll(async () => Number((await count.textContent())!.split(" ")[0]), { timeout: 30_000 }).toBeGreaterThan(60);
  const search = logs.getByRole("searchbox", { name: "Search the log" });
  await search.fill("listening on :8080");
  await expect(lines.locator("mark", { hasText: "listening on :8080" }).first()).toBeInViewport();
  await expect(count).toContainText("paused");
  await search.fill("");
  await logs.getByRole("button", { name: "Jump to newest" }).click();
  await expect(count).toContainText("following");

  // 3. The load raised to 1.8 × the pods' requests (500m each, limit 1000m: about 900m in use per pod, 2700m in
  // all) shows in the CPU chart within a scrape and a refresh; idle they use a fifth of the request (about 300m in all).
  await expect.poll(() => cpuInUse(page), { timeout: 60_000 }).toBeGreaterThan(0);
  const idle = await cpuInUse(page);
  expect(idle).toBeLessThan(1000);
  await simAdmin({ action: "setLoad", target: CLUSTER, namespace: "shop", labelSelector: "capstan.io/group=web-dc1", cpu: 1.8 });
  try {
    await expect.poll(() => cpuInUse(page), { timeout: 75_000, intervals: [1000] }).toBeGreaterThan(2000);
  } finally {
    await simAdmin({ action: "clearLoad", target: CLUSTER });
  }
});

test("a viewer of the system cannot open a terminal", async ({ page, baseURL }) => {
  await signIn(page, DEMO.dev);
  const pod = (await runningPods(page))[0]!;
  await page.getByRole("button", { name: "Sign out" }).click();

  await signIn(page, DEMO.viewer);
  await page.goto(GROUP);
  await expect(page.getByRole("row", { name: new RegExp(`^${pod}`) })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Terminal" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Open terminal" })).toHaveCount(0);
  const res = await page.request.post(`${API}/pods/${pod}/terminal-ticket`, { headers: csrfHeaders(baseURL!), data: {} });
  expect(res.status()).toBe(403);
});

test("ops see the fleet's density per cluster and per zone, as a chart and as a table", async ({ page }) => {
  await signIn(page, DEMO.ops);
  await page.goto("/nodes/overview");
  const density = page.getByRole("region", { name: /^Density/ });
  // Each bar's figures are in the chart's accessible name; figures come with the first scrapes (every 15 s).
  await expect(density.getByRole("img", { name: /^CPU: dc\d · dc\d-c1: .* used/ })).toBeVisible({ timeout: 45_000 });
  // The demo's pods idle at a fifth of their CPU requests: requests hold capacity they do not use, and the
  // chart says where (the nodes' own overhead, far above the pods' use, is not counted as used).
  await expect(density.getByText(/^Most wasted: dc\d · dc\d-c1 requests .* it does not use/).first()).toBeVisible();
  await density.getByText("Show the figures as a table").first().click();
  const cpu = density.getByRole("table", { name: "CPU" });
  await expect(cpu.getByRole("row", { name: /dc[12] · dc[12]-c1/ })).toHaveCount(2);
  await expect(cpu.getByRole("columnheader", { name: "Node overhead (not waste)" })).toBeVisible();
  await density.getByRole("button", { name: "Per zone" }).click();
  await expect(cpu.getByRole("columnheader", { name: "Zone" })).toBeVisible();
});
