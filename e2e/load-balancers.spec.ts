// A developer's load balancer in the browser (issue 16): created in front of storefront's two groups in dc2
// (web-dc2 and canary) with weights 3 and 1; ready, with its members, shares and pods; its name resolves
// through the built-in DNS server (dig) to the balancer's own pods; one pod taken out while slow requests run
// through it drains, then is out, and is put back (another pod's "Take out" dialog stays open meanwhile); the
// canary group out and back; a setting changed; then it is deleted, which leaves the demo data as it was.
// Real haproxy runs on the simulator's loopback pod network.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import { E2E_DNS_PORT } from "../playwright.config";
import { csrfHeaders, DEMO, signIn, unique } from "./helpers";

const run = promisify(execFile);
const APP = "/systems/shop/applications/storefront";
/** How long each slow request through the balancer takes, in ms (pods answer `?sleep=`: docs/simulator.md). */
const SLOW_MS = 8_000;

/** The A records the built-in DNS server answers for `name`, sorted. */
async function dig(name: string): Promise<string[]> {
  const { stdout } = await run("dig", [`@127.0.0.1`, "-p", String(E2E_DNS_PORT), name, "A", "+short", "+time=1", "+tries=1"]);
  return stdout.split("\n").filter(Boolean).sort();
}

/** A GET of `ip:80` that asks the pod behind the balancer to take `ms`; its answer names the pod. */
async function through(ip: string, ms: number): Promise<{ status: number; pod: string | null }> {
  const res = await fetch(`http://${ip}/?sleep=${ms}`);
  const body = res.ok ? ((await res.json()) as { pod: string }) : null;
  return { status: res.status, pod: body?.pod ?? null };
}

/** The balancer's own pods' IPs, as its page's live stats list them (each answering). */
async function dataPlaneIps(page: Page): Promise<string[]> {
  const stats = page.getByRole("region", { name: "Live stats" });
  const items = stats.getByRole("listitem").filter({ hasText: "answering" });
  await expect(items).toHaveCount(2, { timeout: 30_000 });
  // Each item: the pod's name, its IP, whether it answers.
  return (await Promise.all((await items.all()).map(async (item) => (await item.locator("span").nth(1).textContent())!.trim()))).sort();
}

test("a developer balances two groups 3:1, drains one pod, resolves the name, changes the algorithm and deletes the balancer", async ({ page, baseURL }) => {
  // About 30 s on an idle machine (a drain under 8 s requests included); more room for a loaded CI.
  test.setTimeout(180_000);
  const name = unique("lb");
  const domain = `${name}.storefront.dc2.capstan.internal`;
  const api = `/api/v1/systems/shop/applications/storefront/load-balancers/${name}`;
  await signIn(page, DEMO.dev);
  try {
    // 1. Create: HTTP and round robin are the defaults; two groups of dc2's cluster with weights 3 and 1.
    await page.goto(APP);
    await page.getByRole("link", { name: "New load balancer" }).click();
    const form = page.getByRole("form", { name: "New load balancer" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Data centre").selectOption("dc2");
    await expect(form.getByLabel("Protocol")).toHaveValue("HTTP");
    await expect(form.getByLabel("Balancing algorithm")).toHaveValue("roundrobin");
    await form.getByLabel("Domain names").fill(domain);
    for (const [group, weight] of [
      ["web-dc2", "3"],
      ["canary", "1"],
    ] as const) {
      await form.getByRole("checkbox", { name: group }).check();
      await form.getByLabel(`Weight ${group}`).fill(weight);
    }
    await form.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(new RegExp(`/load-balancers/${name}$`));

    // 2. Ready, with both members, their weights and shares, and the three pods of the two groups.
    const settings = page.getByRole("region", { name: "Settings" });
    // Right after npm start its pods wait for the simulated nodes to be admitted (as groups.spec.ts waits).
    await expect(settings.getByText("Ready", { exact: true })).toBeVisible({ timeout: 90_000 });
    const members = page.getByRole("region", { name: "Members" });
    await expect(members.getByLabel("Weight web-dc2")).toHaveValue("3");
    await expect(members.getByLabel("Weight canary")).toHaveValue("1");
    await expect(members.getByRole("row", { name: /web-dc2/ })).toContainText("75 %");
    await expect(members.getByRole("row", { name: /canary/ })).toContainText("25 %");
    const pods = page.getByRole("region", { name: "Pods" });
    await expect(pods.getByRole("row", { name: /storefront-(web-dc2|canary)-/ })).toHaveCount(3);
    // Its events, last on its page: its Deployment scaled up and its haproxy pods were started.
    const events = page.getByRole("region", { name: "Events" });
    await expect(events.getByRole("row", { name: new RegExp(`Deployment/lb-${name}(?![-\\w])`) }).first()).toBeVisible({ timeout: 30_000 });
    await expect(events.getByRole("row", { name: new RegExp(`Pod/lb-${name}-`) }).first()).toBeVisible();

    // 4 (first, as the drain below sends its requests through them). The name resolves to the balancer's pods.
    const ips = await dataPlaneIps(page);
    await expect.poll(() => dig(domain), { timeout: 30_000 }).toEqual(ips);
    await expect(page.getByRole("region", { name: "Domain names" }).getByRole("listitem").filter({ hasText: domain })).toContainText(
      "Resolves to the balancer's pods",
    );

    // 3. Take one web-dc2 pod out while slow requests run through every pod: it drains while they finish, then
    // it is out; none of them fails. Then it is put back.
    const row = pods.getByRole("row", { name: /storefront-web-dc2-/ }).first();
    const pod = (await row.getByRole("cell").first().textContent())!.trim();
    const slow = ips.flatMap((ip) => Array.from({ length: 6 }, () => through(ip, SLOW_MS)));
    await row.getByRole("button", { name: "Take out" }).click();
    const dialog = page.getByRole("dialog", { name: `Take ${pod} out` });
    await expect(dialog.getByLabel("Drain time (seconds, 0–3600)")).toHaveValue("30");
    // It is out when its requests in flight are done, or at the latest when the drain time is over.
    await dialog.getByLabel("Drain time (seconds, 0–3600)").fill("15");
    await dialog.getByRole("button", { name: "Take out" }).click();
    await expect(dialog).toBeHidden();
    const podRow = pods.getByRole("row", { name: new RegExp(pod) });
    await expect(podRow).toContainText("Draining");
    await expect(podRow.getByRole("progressbar", { name: "Drain progress" })).toBeVisible();
    // Meanwhile another pod's "Take out" is open: the page's updates as the drain ends leave it open, as typed.
    const other = pods.getByRole("row", { name: /storefront-canary-/ });
    const otherPod = (await other.getByRole("cell").first().textContent())!.trim();
    await other.getByRole("button", { name: "Take out" }).click();
    const otherDialog = page.getByRole("dialog", { name: `Take ${otherPod} out` });
    await otherDialog.getByLabel("Drain time (seconds, 0–3600)").fill("12");
    const answers = await Promise.all(slow);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.map((a) => a.pod)).toContain(pod);
    await expect(podRow).toContainText("Out", { timeout: 30_000 });
    await expect(otherDialog.getByLabel("Drain time (seconds, 0–3600)")).toHaveValue("12");
    await otherDialog.getByRole("button", { name: "Cancel" }).click();
    await expect(otherDialog).toBeHidden();
    await expect(other).toContainText("In");
    // New requests go to the others only.
    const after = await Promise.all(ips.flatMap((ip) => Array.from({ length: 4 }, () => through(ip, 0))));
    expect(after.map((a) => a.pod)).not.toContain(pod);
    await podRow.getByRole("button", { name: "Put back" }).click();
    await expect(podRow).toContainText("In");
    await expect(podRow.getByRole("button", { name: "Take out" })).toBeVisible();

    // A whole member group out at once (no drain time) and back: its share goes to the other while it is out.
    const canary = members.getByRole("row", { name: /canary/ });
    await canary.getByRole("button", { name: "Take out" }).click();
    const takeCanary = page.getByRole("dialog", { name: "Take canary out" });
    await takeCanary.getByLabel("Drain time (seconds, 0–3600)").fill("0");
    await takeCanary.getByRole("button", { name: "Take out" }).click();
    await expect(canary).toContainText("Out");
    await expect(canary).toContainText("0 %");
    await expect(members.getByRole("row", { name: /web-dc2/ })).toContainText("100 %");
    await canary.getByRole("button", { name: "Put back" }).click();
    await expect(canary).toContainText("25 %");
    await expect(canary.getByRole("button", { name: "Take out" })).toBeVisible();

    // 5. A setting changed in place: the algorithm, saved and in the generated configuration.
    await settings.getByRole("button", { name: "Edit" }).click();
    const edit = settings.getByRole("form", { name: "Settings" });
    await edit.getByLabel("Balancing algorithm").selectOption("leastconn");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    await expect(settings).toContainText("Fewest connections (leastconn)");
    await expect(page.getByRole("region", { name: "Generated configuration" })).toContainText("balance leastconn");

    // Delete, confirmed by the name: back on the application's page, the balancer and its name go.
    await page.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("dialog", { name: `Delete ${name}` });
    await confirm.getByLabel(`Type ${name} to confirm`).fill(name);
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(new RegExp(`${APP}$`));
    await expect.poll(async () => (await page.request.get(api)).status(), { timeout: 30_000 }).toBe(404);
    await expect.poll(() => dig(domain), { timeout: 10_000 }).toEqual([]);
  } finally {
    // Whatever failed above, the demo data is left as it was: no balancer (its pod states go with it).
    const res = await page.request.delete(api, { headers: csrfHeaders(baseURL!) });
    expect([202, 404]).toContain(res.status());
    await expect.poll(async () => (await page.request.get(api)).status(), { timeout: 30_000 }).toBe(404);
  }
});
