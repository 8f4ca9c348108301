// A new system's first deployment (issue 12): a department admin creates a system, an application and a
// quota; the images list and the new-group form say where to push; a push robot is made (issue 15) and CI
// pushes there with it (skopeo, as a pipeline would retag an image); the application page shows the tag
// and who pushed it; the first group then runs.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cliToken, DEMO, signIn, unique } from "./helpers";

/** The simulated dc1's Harbor, as `npm start` wrote it for the e2e home. */
const harbor = () =>
  JSON.parse(fs.readFileSync(path.join(".capstan-e2e", "sim", "dc1.registry.json"), "utf8")) as { url: string; username: string; password: string };

const skopeo = (args: string[]) =>
  new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile("skopeo", ["--insecure-policy", ...args], { timeout: 60_000 }, (err, _stdout, stderr) => resolve({ code: err ? 1 : 0, stderr })),
  );

test("a new system with only a quota is told where to push, can push, and deploys its first group", async ({ page, request }) => {
  test.setTimeout(180_000);
  const auth = { Authorization: `Bearer ${cliToken(DEMO.lead.email)}` };
  const system = unique("first");
  expect((await request.post("/api/v1/systems", { headers: auth, data: { name: system, displayName: "First", department: "retail" } })).status()).toBe(201);
  expect((await request.post(`/api/v1/systems/${system}/applications`, { headers: auth, data: { name: "web", displayName: "Web" } })).status()).toBe(201);
  expect((await request.put(`/api/v1/systems/${system}/quotas/dc1`, { headers: auth, data: { cpu: "1", memory: "1Gi", gpu: 0, instances: 2 } })).status()).toBe(
    200,
  );

  const reg = harbor();
  const host = new URL(reg.url).host;
  const images = await request.get(`/api/v1/systems/${system}/applications/web/images?dataCentre=dc1`, { headers: auth });
  expect(await images.json()).toEqual({ dataCentre: "dc1", registry: host, repository: `${system}/web`, pushTo: `${host}/${system}/web`, items: [] });

  await signIn(page, DEMO.lead);
  // The system page's Registry section: a push robot for CI in dc1, its secret shown once.
  await page.goto(`/systems/${system}`);
  const registry = page.getByTestId("registry-dc1");
  await expect(registry).toContainText(host);
  await registry.getByLabel("Robot name").fill("ci");
  await registry.getByRole("button", { name: "Make push robot" }).click();
  await expect(page.getByRole("dialog")).toContainText("this is the only time it is shown");
  const robot = { username: `robot$${system}+ci`, secret: (await page.getByTestId("robot-secret").textContent())!.trim() };
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByRole("dialog")).toBeHidden(); // closed, not left as an empty modal over the page
  await expect(registry.getByRole("cell", { name: robot.username })).toBeVisible();

  await page.goto(`/systems/${system}/applications/web/groups/new`);
  await page.getByLabel("Data centre").selectOption("dc1");
  await expect(page.getByRole("note", { name: "Where to push images" })).toContainText(`docker push ${host}/${system}/web:1.0.0`);

  // CI retags a built image into the system's project, which exists without any group, with the push robot.
  const creds = `${reg.username}:${reg.password}`;
  await expect
    .poll(
      async () =>
        (
          await skopeo([
            "copy",
            "--src-tls-verify=false",
            "--dest-tls-verify=false",
            "--src-creds",
            creds,
            "--dest-creds",
            `${robot.username}:${robot.secret}`,
            `docker://${host}/shop/cart:1.0.0`,
            `docker://${host}/${system}/web:1.0.0`,
          ])
        ).code,
      { timeout: 30_000 },
    )
    .toBe(0);

  // The application page's Images section: the push commands, and the tag with the robot that pushed it.
  await page.goto(`/systems/${system}/applications/web`);
  await expect(page.getByTestId("push-docker-dc1")).toContainText(`docker push ${host}/${system}/web:<tag>`);
  await expect(page.getByRole("table", { name: "Tags" })).toContainText(robot.username);

  // The Push webhook panel: the full URL, a secret made and shown once; rotating it retires the old one.
  const webhook = page.getByTestId("webhook-panel");
  const hookUrl = new URL(`/api/v1/hooks/git/${system}/web`, page.url()).href;
  await expect(webhook).toContainText(hookUrl);
  await expect(webhook.getByTestId("webhook-secret-state")).toContainText("None yet");
  await webhook.getByRole("button", { name: "Make secret" }).click();
  const first = (await page.getByTestId("webhook-secret").textContent())!.trim();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(webhook.getByTestId("webhook-secret-state")).toContainText("Made");
  await webhook.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
  const second = (await page.getByTestId("webhook-secret").textContent())!.trim();
  await page.getByRole("button", { name: "I have copied it" }).click();
  expect(second).not.toBe(first);
  // GitLab's token: the new one is accepted (a push to another branch is acknowledged), the old one is 401.
  const gitlab = (token: string) =>
    request.post(hookUrl, {
      headers: { "X-Gitlab-Event": "Push Hook", "X-Gitlab-Event-UUID": `${system}-${token.slice(0, 8)}`, "X-Gitlab-Token": token },
      data: { ref: "refs/heads/elsewhere", after: "a".repeat(40), checkout_sha: "a".repeat(40) },
    });
  expect((await gitlab(second)).status()).toBe(202);
  expect((await gitlab(first)).status()).toBe(401);

  await page.goto(`/systems/${system}/applications/web/groups/new`);
  await page.getByLabel("Name", { exact: true }).fill("main");
  await page.getByLabel("Data centre").selectOption("dc1");
  await expect(page.getByRole("note", { name: "Where to push images" })).toHaveCount(0);
  await page.getByLabel("Image tag").fill("1.0.0");
  await page.getByLabel("Replicas").fill("1");
  await page.getByLabel("CPU", { exact: true }).fill("200m");
  // Zones and resource labels are the label policy's (demo data: res.normal and res.gpu exclude each other).
  await expect(page.getByLabel("Zone").locator("option")).toHaveText(["default", "cicd (dedicated)"]);
  await page.getByRole("checkbox", { name: "res.gpu" }).check();
  await expect(page.getByRole("checkbox", { name: "res.normal" })).toBeDisabled();
  await page.getByRole("checkbox", { name: "res.gpu" }).uncheck();
  await expect(page.getByRole("checkbox", { name: "res.normal" })).toBeEnabled();
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: "main" })).toBeVisible();
  await expect(page.getByText("Available")).toBeVisible({ timeout: 90_000 });
});
