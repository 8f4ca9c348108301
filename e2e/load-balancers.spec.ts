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
  // "answering" exactly: a pod not answering yet ("not answering: no IP yet") is not one of them.
  const items = stats.getByRole("listitem").filter({ has: page.getByText("answering", { exact: true }) });
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
    // The algorithms in words, each with its own name in one pair of brackets.
    await expect(form.getByLabel("Balancing algorithm").locator("option:checked")).toHaveText("Round robin by weight (roundrobin)");
    // The names' hint and example are the chosen data centre's zone.
    await expect(form.getByText(/One per line, under dc2\.capstan\.internal/)).toContainText(`${name}.storefront.dc2.capstan.internal`);
    await expect(form.getByLabel("Domain names")).toHaveAttribute("placeholder", `${name}.storefront.dc2.capstan.internal`);
    // A refused field's reason goes as soon as the field is changed (the server's refusal, past the browser's checks).
    const nameBox = form.getByLabel("Name", { exact: true });
    await nameBox.fill("Not_A_Label");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(nameBox).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByRole("alert")).toContainText("DNS-1123");
    await nameBox.fill(name);
    await expect(nameBox).toHaveAttribute("aria-invalid", "false");
    await expect(form.getByRole("alert")).toBeHidden();
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
    // Each row's buttons say which pod they act on.
    await row.getByRole("button", { name: `Take ${pod} out` }).click();
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
    await other.getByRole("button", { name: `Take ${otherPod} out` }).click();
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
    await podRow.getByRole("button", { name: `Put ${pod} back` }).click();
    await expect(podRow).toContainText("In");
    await expect(podRow.getByRole("button", { name: `Take ${pod} out` })).toBeVisible();

    // A whole member group out at once (no drain time) and back: its share goes to the other while it is out.
    const canary = members.getByRole("row", { name: /canary/ });
    await canary.getByRole("button", { name: "Take canary out" }).click();
    const takeCanary = page.getByRole("dialog", { name: "Take canary out" });
    await takeCanary.getByLabel("Drain time (seconds, 0–3600)").fill("0");
    await takeCanary.getByRole("button", { name: "Take out" }).click();
    await expect(canary).toContainText("Out");
    await expect(canary).toContainText("0 %");
    await expect(members.getByRole("row", { name: /web-dc2/ })).toContainText("100 %");
    await canary.getByRole("button", { name: "Put canary back" }).click();
    await expect(canary).toContainText("25 %");
    await expect(canary.getByRole("button", { name: "Take canary out" })).toBeVisible();

    // Someone else changes the members while a weight is being typed here: saving is refused, not written
    // over theirs; reloading shows theirs. Then a weight typed and Enter saves it.
    const version = async () => ((await (await page.request.get(api)).json()) as { version: number }).version;
    await members.getByLabel("Weight canary").fill("2");
    const theirs = await page.request.put(`${api}/members`, {
      headers: csrfHeaders(baseURL!),
      data: {
        members: [
          { group: "web-dc2", weight: 5 },
          { group: "canary", weight: 1 },
        ],
        version: await version(),
      },
    });
    expect(theirs.status()).toBe(200);
    await members.getByRole("button", { name: "Save members" }).click();
    const conflict = members.getByRole("alert");
    await expect(conflict).toContainText("Someone else changed this while you were editing");
    await conflict.getByRole("button", { name: "Reload their version" }).click();
    await expect(members.getByLabel("Weight web-dc2")).toHaveValue("5");
    await expect(members.getByLabel("Weight canary")).toHaveValue("1");
    await members.getByLabel("Weight web-dc2").fill("3");
    await members.getByLabel("Weight web-dc2").press("Enter");
    await expect(members.getByRole("row", { name: /canary/ })).toContainText("25 %");
    await expect(members.getByRole("button", { name: "Save members" })).toBeDisabled();
    // Kept instead: their weight of web-dc2 shows beside the canary weight typed here, and Save keeps both.
    await members.getByLabel("Weight canary").fill("2");
    const again = await page.request.put(`${api}/members`, {
      headers: csrfHeaders(baseURL!),
      data: {
        members: [
          { group: "web-dc2", weight: 5 },
          { group: "canary", weight: 1 },
        ],
        version: await version(),
      },
    });
    expect(again.status()).toBe(200);
    await members.getByRole("button", { name: "Save members" }).click();
    await expect(conflict).toContainText("Someone else changed this while you were editing");
    await conflict.getByRole("button", { name: "Keep my edit" }).click();
    await expect(members.getByLabel("Weight web-dc2")).toHaveValue("5");
    await expect(members.getByLabel("Weight canary")).toHaveValue("2");
    await members.getByRole("button", { name: "Save members" }).click();
    await expect(members.getByRole("button", { name: "Save members" })).toBeDisabled();
    await expect
      .poll(async () => ((await (await page.request.get(api)).json()) as { members: { group: string; weight: number }[] }).members)
      .toEqual([expect.objectContaining({ group: "canary", weight: 2 }), expect.objectContaining({ group: "web-dc2", weight: 5 })]);
    // The history says what each change changed.
    const history = page.getByRole("region", { name: "History" });
    await expect(history).toContainText("Weight of web-dc2: 5 → 3");
    await expect(history).toContainText("Weight of web-dc2: 3 → 5");

    // 5. A setting changed in place: the algorithm, saved and in the generated configuration.
    await settings.getByRole("button", { name: "Edit" }).click();
    const edit = settings.getByRole("form", { name: "Settings" });
    await edit.getByLabel("Balancing algorithm").selectOption("leastconn");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    await expect(settings).toContainText("Fewest connections (leastconn)");
    await expect(page.getByRole("region", { name: "Generated configuration" })).toContainText("balance leastconn");
    await expect(history).toContainText("Balancing algorithm: roundrobin → leastconn");

    // A timeout edited while someone else changes the algorithm: Save is refused (not their algorithm
    // written back); keeping the edit shows their algorithm beside the timeout typed here, and saves only the
    // timeout, at their version.
    await settings.getByRole("button", { name: "Edit" }).click();
    await edit.getByLabel("Client timeout (s)").fill("45");
    const patched = await page.request.patch(api, { headers: csrfHeaders(baseURL!), data: { algorithm: "source", version: await version() } });
    expect(patched.status()).toBe(200);
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit.getByRole("alert")).toContainText("Someone else changed this while you were editing");
    await edit.getByRole("button", { name: "Keep my edit" }).click();
    await expect(edit.getByRole("alert")).toBeHidden();
    await expect(edit.getByLabel("Balancing algorithm")).toHaveValue("source");
    await expect(edit.getByLabel("Client timeout (s)")).toHaveValue("45");
    const theirVersion = await version();
    const sent = page.waitForRequest((r) => r.method() === "PATCH" && r.url().endsWith(api));
    await edit.getByRole("button", { name: "Save" }).click();
    expect((await sent).postDataJSON()).toEqual({ timeouts: { clientSeconds: 45 }, version: theirVersion });
    await expect(edit).toBeHidden();
    await expect(settings).toContainText("By client address (source)");
    await expect(settings).toContainText("5 / 45 / 30");

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
