// Issue 15's end-to-end proof: a developer makes an application whose repository is the demo repository
// `npm start` creates, sees how to push, builds it and watches the log, deploys the built tag in dc1,
// promotes it to dc2 and deploys it there; both groups run the same digest. Everything it makes is
// deleted at the end (groups, image tags, the application), so later specs see the demo data unchanged.
import { expect, type Page, test } from "@playwright/test";
import { csrfHeaders, DEMO, signIn, unique } from "./helpers";

const SYSTEM = "shop";

/** The new-group form, filled with a small group of `tag` in `dataCentre`; resolves once it is Available. */
async function deploy(page: Page, app: string, group: string, dataCentre: string, tag: string) {
  await page.goto(`/systems/${SYSTEM}/applications/${app}/groups/new`);
  await page.getByLabel("Name", { exact: true }).fill(group);
  await page.getByLabel("Data centre").selectOption(dataCentre);
  await page.getByLabel("Image tag").fill(tag);
  await page.getByLabel("Replicas").fill("1");
  await page.getByLabel("CPU", { exact: true }).fill("100m");
  await page.getByLabel("Memory", { exact: true }).fill("64Mi");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: group })).toBeVisible();
  await expect(page.getByText("Available")).toBeVisible({ timeout: 30_000 });
}

test("a developer builds an application from git, deploys it in dc1, promotes it to dc2 and deploys it there: the same digest in both", async ({
  page,
  baseURL,
}) => {
  // A whole delivery: build, two deployments, a promotion and their clean-up; about 50 s on an idle machine.
  test.setTimeout(120_000);
  const app = unique("ic");
  const base = `/api/v1/systems/${SYSTEM}/applications/${app}`;
  const headers = csrfHeaders(baseURL!);
  const groups = ["a-dc1", "a-dc2"] as const;
  await signIn(page, DEMO.dev);
  // The demo repository's URL, as the demo application shows it (file://$CAPSTAN_HOME/demo-repo).
  const repository = ((await (await page.request.get(`/api/v1/systems/${SYSTEM}/applications/storefront`)).json()) as { gitRepository: string }).gitRepository;
  expect(repository).toMatch(/^file:\/\/.*\/demo-repo$/);
  try {
    // A new application whose repository is the demo repository.
    await page.goto(`/systems/${SYSTEM}/applications/new`);
    await page.getByLabel("Name", { exact: true }).fill(app);
    await page.getByLabel("Display name").fill("Image centre");
    await page.getByLabel("Git repository").fill(repository);
    await page.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(new RegExp(`/systems/${SYSTEM}/applications/${app}$`));

    // How to push: docker, podman and skopeo with each data centre's real registry host and repository.
    const where = (await (await page.request.get(`${base}/images/tags`)).json()) as {
      dataCentres: { dataCentre: string; registry: string; pushTo: string; plainHttp: boolean }[];
    };
    expect(where.dataCentres.map((d) => d.dataCentre)).toEqual(["dc1", "dc2"]);
    await page.getByText("How to push").click();
    for (const dc of where.dataCentres) {
      expect(dc.pushTo).toBe(`${dc.registry}/${SYSTEM}/${app}`);
      // The simulated registries speak plain HTTP: the commands say so.
      expect(dc.plainHttp).toBe(true);
      await expect(page.getByTestId(`push-docker-${dc.dataCentre}`)).toContainText(`docker push ${dc.pushTo}:<tag>`);
      await expect(page.getByTestId(`push-podman-${dc.dataCentre}`)).toContainText(`podman push --tls-verify=false my-image ${dc.pushTo}:<tag>`);
      await expect(page.getByTestId(`push-skopeo-${dc.dataCentre}`)).toContainText(`docker://${dc.pushTo}:<tag>`);
    }

    // Build: the build page shows the live log and ends Succeeded with the digest pushed.
    await page.getByRole("button", { name: "Build", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Build", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${app}/builds/[^/]+$`));
    await expect(page.getByRole("heading", { name: `${app} #1` })).toBeVisible();
    await expect(page.getByTestId("build-log")).toContainText("COPY index.html", { timeout: 30_000 });
    const details = page.locator("dl");
    await expect(details).toContainText("Succeeded", { timeout: 30_000 });
    await expect(details).toContainText(/sha256:[0-9a-f]{64}/);
    const [build] = ((await (await page.request.get(`${base}/builds`)).json()) as { items: { status: string; tag: string; digest: string }[] }).items;
    expect(build).toMatchObject({ status: "SUCCEEDED", tag: expect.stringMatching(/^[0-9a-f]{7,}$/), digest: expect.stringMatching(/^sha256:/) });
    const { tag, digest } = build!;
    await expect(details).toContainText(digest);

    // Deploy the built tag in dc1.
    await deploy(page, app, groups[0], "dc1", tag);
    // From its page the group follows the branch (no revision: nothing rolls); the API then says so.
    await page.getByLabel("Follow branch").fill("main");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => ((await (await page.request.get(`${base}/groups/${groups[0]}`)).json()) as { follow: { branch: string } | null }).follow)
      .toEqual({ branch: "main" });

    // Promote it to dc2 from the Images section; the tags view then has it in both with the same digest.
    await page.goto(`/systems/${SYSTEM}/applications/${app}`);
    const row = page.getByRole("table", { name: "Tags" }).getByRole("row", { name: new RegExp(tag) });
    await expect(row).toContainText("Only in dc1");
    await row.getByRole("button", { name: "Promote" }).click();
    const promote = page.getByRole("dialog");
    await expect(promote.getByRole("checkbox", { name: "dc2" })).toBeChecked();
    await promote.getByRole("button", { name: "Promote" }).click();
    await expect(promote.getByRole("status")).toHaveText(`${tag} is in dc2 with digest ${digest.slice(7, 19)}.`, { timeout: 30_000 });
    await promote.getByRole("button", { name: "Close" }).click();
    await expect(row).toContainText("dc2");
    await expect(row).toContainText("Same digest everywhere");
    const tags = (await (await page.request.get(`${base}/images/tags`)).json()) as {
      tags: { tag: string; copies: { dataCentre: string; digest: string }[] }[];
    };
    expect(tags.tags.find((x) => x.tag === tag)?.copies.map((c) => [c.dataCentre, c.digest])).toEqual([
      ["dc1", digest],
      ["dc2", digest],
    ]);

    // Deploy the same tag in dc2.
    await deploy(page, app, groups[1], "dc2", tag);

    // What runs where: both groups, each pinned to the build's digest.
    await page.goto(`/systems/${SYSTEM}/applications/${app}`);
    const overview = page.getByRole("region", { name: "What runs where" });
    for (const group of groups)
      await expect(overview.getByRole("group", { name: group.slice(2) }).getByRole("row", { name: new RegExp(group) })).toContainText(digest.slice(7, 19));
    await expect(overview.getByRole("list", { name: "Same digest everywhere" })).toHaveText(`✓ ${tag}: the same digest in all 2 groups`);
    const o = (await (await page.request.get(`${base}/overview`)).json()) as {
      dataCentres: { dataCentre: string; clusters: { groups: { name: string; imageDigest: string | null }[] }[] }[];
    };
    expect(o.dataCentres.flatMap((d) => d.clusters.flatMap((c) => c.groups.map((g) => [d.dataCentre, g.name, g.imageDigest])))).toEqual([
      ["dc1", groups[0], digest],
      ["dc2", groups[1], digest],
    ]);
  } finally {
    // Clean-up through the API: the groups (their deletion finishes), the tags in both registries, the application.
    for (const g of groups) {
      const res = await page.request.delete(`${base}/groups/${g}`, { headers });
      expect([202, 204, 404]).toContain(res.status());
    }
    for (const g of groups) await expect.poll(async () => (await page.request.get(`${base}/groups/${g}`)).status(), { timeout: 30_000 }).toBe(404);
    const left = (await (await page.request.get(`${base}/images/tags`)).json()) as { tags?: { tag: string; copies: { dataCentre: string }[] }[] };
    for (const t of left.tags ?? [])
      for (const c of t.copies)
        expect((await page.request.delete(`${base}/images/tags/${encodeURIComponent(t.tag)}?dataCentre=${c.dataCentre}`, { headers })).status()).toBe(204);
    const gone = await page.request.delete(base, { headers });
    expect([204, 404]).toContain(gone.status());
  }
});
