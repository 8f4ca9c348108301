// The developers' CLI (apps/cli) run as `npx capstan` against the portal as `npm start` runs it (the
// embedded default with demo data): login, the lists in three forms, changes and refusals, quota, nodes as
// ops, a followed log, a build followed to its end and a shell. No page: the CLI is a child process.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, request as newRequest, test } from "@playwright/test";
import { parse } from "yaml";
import { csrfHeaders, DEMO } from "./helpers";

const PORTAL = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
const dir = mkdtempSync(join(tmpdir(), "capstan-cli-e2e-"));
/** Each user's own configuration file, as on their own machines. */
const configOf = (who: string) => join(dir, who, "capstan", "config.json");

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
/**
 * The bin `npx capstan` runs (the workspace's bin, linked by npm into node_modules/.bin). The first login
 * goes through npx itself; the other runs call the same file directly, which spares npm's start-up (about a
 * second each) and keeps the spec short.
 */
const BIN = "node_modules/.bin/capstan";

/** `capstan …` as `who`, with stdin `input`; resolves when it exits. */
function capstan(who: string, args: string[], input?: string, o: { npx?: boolean } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const [file, argv] = o.npx ? ["npx", ["capstan", ...args]] : [BIN, args];
    const child = execFile(file, argv, { env: { ...process.env, CAPSTAN_CONFIG: configOf(who) }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
    child.stdin!.end(input ?? "");
  });
}

/** A token made in the portal by `who` (signed in through next-auth's credentials endpoint, then POST /api/v1/tokens as the tokens page does). */
async function portalToken(who: { email: string; password: string }): Promise<string> {
  const browserless = await newRequest.newContext({ baseURL: PORTAL });
  try {
    const { csrfToken } = (await (await browserless.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signedIn = await browserless.post("/api/auth/callback/credentials", {
      form: { email: who.email, password: who.password, csrfToken },
      maxRedirects: 0,
    });
    expect(signedIn.status(), "next-auth answers a sign-in with a redirect").toBe(302);
    const made = await browserless.post("/api/v1/tokens", { headers: csrfHeaders(PORTAL), data: { name: "cli e2e", expiresInDays: 1 } });
    expect(made.status()).toBe(201);
    return ((await made.json()) as { token: string }).token;
  } finally {
    await browserless.dispose();
  }
}

let devToken: string;
let opsToken: string;
// Each CLI run takes 0.5–1 s on a quiet machine, several seconds when two cores are shared by many.
test.describe.configure({ mode: "serial", timeout: 120_000 });
test.beforeAll(async () => {
  [devToken, opsToken] = await Promise.all([portalToken(DEMO.dev), portalToken(DEMO.ops)]);
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the API says, with a token (to see a change's effect without the CLI). */
async function api(token: string, path: string) {
  const r = await fetch(`${PORTAL}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(r.status).toBe(200);
  return r.json();
}

test("login keeps the token in a file only its owner may read; the lists print as tables, JSON and YAML", async () => {
  // The token on stdin (not in the command line, where ps would show it).
  const login = await capstan("dev", ["login", "--server", PORTAL], `${devToken}\n`, { npx: true });
  expect(login).toMatchObject({ code: 0, stdout: `Logged in to ${PORTAL} as ${DEMO.dev.email}.\n` });
  expect(statSync(configOf("dev")).mode & 0o777).toBe(0o600);
  expect(statSync(join(configOf("dev"), "..")).mode & 0o777).toBe(0o700);

  // Each list in its three forms, three runs at a time (a CLI's start costs a core for a moment).
  const inForms = (cmd: string[]) => Promise.all([capstan("dev", cmd), capstan("dev", [...cmd, "-o", "json"]), capstan("dev", [...cmd, "-o", "yaml"])]);
  const [systems, systemsJson, systemsYaml] = await inForms(["systems", "ls"]);
  const [apps, appsJson, appsYaml] = await inForms(["apps", "ls", "--system", "shop"]);
  const [groups, groupsJson, groupsYaml] = await inForms(["groups", "ls", "--system", "shop"]);
  for (const r of [systems, systemsJson, systemsYaml, apps, appsJson, appsYaml, groups, groupsJson, groupsYaml]) expect(r.stderr).toBe("");
  expect(systems.stdout).toMatch(/^NAME {3,}DISPLAY NAME {3,}DEPARTMENT {3,}ISOLATION/);
  expect(systems.stdout).toMatch(/\nshop {3,}/);
  const names = (r: Ran) => (JSON.parse(r.stdout) as { items: { name: string }[] }).items.map((i) => i.name);
  expect(names(systemsJson)).toContain("shop");
  expect(parse(systemsYaml.stdout)).toEqual(JSON.parse(systemsJson.stdout));
  expect(apps.stdout).toMatch(/\nstorefront {3,}shop {3,}/);
  expect(names(appsJson).sort()).toEqual(expect.arrayContaining(["cart", "storefront"]));
  expect(parse(appsYaml.stdout)).toEqual(JSON.parse(appsJson.stdout));
  expect(groups.stdout).toMatch(/^NAME {3,}SYSTEM {3,}APP {3,}DATA CENTRE {3,}CLUSTER {3,}READY {3,}PHASE/);
  expect(groups.stdout).toMatch(/\napi {3,}shop {3,}cart {3,}dc1 {3,}/);
  expect(names(groupsJson)).toEqual(expect.arrayContaining(["web-dc1", "web-dc2", "api"]));
  expect(parse(groupsYaml.stdout)).toEqual(JSON.parse(groupsJson.stdout));
});

test("groups scale changes the group as the API then shows it; a scale beyond the quota prints the field errors and exits 1", async () => {
  const before = (await api(devToken, "/systems/shop/applications/cart/groups/api")) as { replicas: number };
  try {
    const scaled = await capstan("dev", ["groups", "scale", "shop/cart/api", "--replicas", String(before.replicas + 1)]);
    expect(scaled).toMatchObject({ code: 0, stdout: `group shop/cart/api scaled to ${before.replicas + 1} replicas\n` });
    expect(await api(devToken, "/systems/shop/applications/cart/groups/api")).toMatchObject({ replicas: before.replicas + 1 });

    // shop may run 10 instances in dc1.
    const refused = await capstan("dev", ["groups", "scale", "api", "-s", "shop", "-a", "cart", "--replicas", "50"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    const [message, ...fields] = refused.stderr.trimEnd().split("\n");
    expect(message).toMatch(/^error: Over the quota of system "shop" in dc1/);
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) expect(f).toMatch(/^[\w.]+: \S/);
  } finally {
    await capstan("dev", ["groups", "scale", "shop/cart/api", "--replicas", String(before.replicas)]);
  }
});

test("groups rollout, rollback and restart each make a revision; groups get shows the group", async () => {
  const before = (await api(devToken, "/systems/shop/applications/cart/groups/api")) as { revision: number; imageTag: string };
  const other = before.imageTag === "1.1.0" ? "2.0.0" : "1.1.0";
  const r = before.revision;
  expect(await capstan("dev", ["groups", "rollout", "shop/cart/api", "--image", other])).toMatchObject({
    code: 0,
    stdout: `group shop/cart/api rolling out ${other} (revision ${r + 1})\n`,
  });
  expect(await capstan("dev", ["groups", "rollback", "shop/cart/api", "--to-revision", String(r)])).toMatchObject({
    code: 0,
    stdout: `group shop/cart/api rolled back to revision ${r}'s spec (now revision ${r + 2})\n`,
  });
  // Once more is refused: it is the current spec.
  const again = await capstan("dev", ["groups", "rollback", "shop/cart/api", "--to-revision", String(r)]);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/^error: .+\n[\w.]+: is the current spec\n$/);
  // The history shows the three revisions, newest first; the rolled-back-to one is the spec running now.
  const history = await capstan("dev", ["groups", "history", "shop/cart/api", "--limit", "3", "-o", "json"]);
  const revisions = (JSON.parse(history.stdout) as { items: { revision: number; sameAsCurrent: boolean; spec: { imageTag: string } }[] }).items;
  expect(revisions.map((v) => [v.revision, v.spec.imageTag, v.sameAsCurrent])).toEqual([
    [r + 2, before.imageTag, true],
    [r + 1, other, false],
    [r, before.imageTag, true],
  ]);
  const table = (await capstan("dev", ["groups", "history", "shop/cart/api", "--limit", "1"])).stdout.split("\n");
  expect(table[0]).toMatch(/^REVISION +AGE +BY +IMAGE +SAME AS NOW +CHANGES +CHANGE-CAUSE$/);
  expect(table[1]).toMatch(new RegExp(`^${r + 2} `));
  expect(table[1]).toContain(` yes `);
  expect(table[1]).toContain(`imageTag ${other}→${before.imageTag}`);
  expect(await capstan("dev", ["groups", "restart", "shop/cart/api"])).toMatchObject({
    code: 0,
    stdout: `group shop/cart/api restarting (revision ${r + 3})\n`,
  });
  const [shown, yaml] = await Promise.all([
    capstan("dev", ["groups", "get", "shop/cart/api"]),
    capstan("dev", ["groups", "get", "api", "-s", "shop", "-a", "cart", "-o", "yaml"]),
  ]);
  expect(shown.stdout).toMatch(/^Name: +api\nSystem: +shop\nApplication: +cart\n/);
  expect(shown.stdout).toMatch(/\nPods:\n {2}NAME {3,}READY {3,}PHASE/);
  expect(parse(yaml.stdout)).toMatchObject({ name: "api", imageTag: before.imageTag, revision: r + 3 });
});

test("quota show and quota request", async () => {
  const [shown, asked, none] = await Promise.all([
    capstan("dev", ["quota", "show", "shop", "-o", "json"]),
    capstan("dev", ["quota", "request", "shop", "--dc", "dc2", "--cpu", "1", "--instances", "2", "--reason", "the CLI's e2e test"]),
    capstan("dev", ["quota", "request", "shop", "--dc", "dc2", "--reason", "nothing asked"]),
  ]);
  expect((JSON.parse(shown.stdout) as { items: { dataCentre: string }[] }).items.map((q) => q.dataCentre)).toEqual(expect.arrayContaining(["dc1", "dc2"]));
  expect(asked).toMatchObject({
    code: 0,
    stdout: expect.stringMatching(/^quota request \S+ for shop in dc2 pending: cpu \+1, memory \+0MiB, gpu \+0, instances \+2\n$/),
  });
  expect(none).toMatchObject({ code: 1, stderr: expect.stringContaining("\ncpu: ask for more of at least one resource\n") });
});

test("ops list nodes and move one through its lifecycle", async () => {
  expect((await capstan("ops", ["login", "--server", PORTAL, "--token", opsToken])).code).toBe(0);
  // npm start admits the simulated nodes (WAIT → ONLINE) once their init checks pass, which on a loaded
  // machine may not have happened yet: a node is taken in either state, the one with the fewest pods.
  const listed = await capstan("ops", ["nodes", "ls", "--dc", "dc2", "--zone", "default", "--sort", "podCount", "-o", "json"]);
  expect(listed.stderr).toBe("");
  const node = (JSON.parse(listed.stdout) as { items: { cluster: string; name: string; status: string }[] }).items.find((n) =>
    ["WAIT", "ONLINE"].includes(n.status),
  )!;
  const table = await capstan("ops", ["nodes", "ls", "--cluster", node.cluster, "--limit", "3"]);
  expect(table.stdout.split("\n")[0]).toMatch(/^NAME {3,}CLUSTER {3,}DATA CENTRE {3,}STATUS {3,}READY/);
  expect(table.stdout.trimEnd().split("\n")).toHaveLength(4);
  const ref = `${node.cluster}/${node.name}`;
  const moves = node.status === "WAIT" ? ["ONLINE", "OFFLINE", "ONLINE"] : ["OFFLINE", "ONLINE"];
  for (const to of moves) {
    const moved = await capstan("ops", ["nodes", "transition", ref, "--to", to.toLowerCase(), "--reason", "the CLI's e2e test"]);
    expect(moved).toMatchObject({ code: 0, stdout: expect.stringContaining(`node ${ref} is ${to}`) });
  }
  expect(((await api(opsToken, `/nodes/${ref}`)) as { status: string }).status).toBe("ONLINE");
  // A move the lifecycle refuses: the server's message and the field, exit code 1.
  const refused = await capstan("ops", ["nodes", "transition", ref, "--to", "WAIT", "--reason", "no"]);
  expect(refused).toMatchObject({
    code: 1,
    stderr: "error: A node in ONLINE cannot move to WAIT; it can move to OFFLINE.\nto: must be OFFLINE when the node is ONLINE\n",
  });
});

test("logs -f streams the group's lines until stopped", async () => {
  const child = spawn("npx", ["capstan", "logs", "shop/cart/api", "-f", "--tail", "2"], {
    env: { ...process.env, CAPSTAN_CONFIG: configOf("dev") },
    detached: true,
  });
  let out = "";
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.split("\n").length > 4) resolve();
      });
      child.on("exit", (code) => reject(new Error(`capstan logs exited (${code}) after ${JSON.stringify(out)}`)));
    });
  } finally {
    process.kill(-child.pid!, "SIGTERM");
  }
  // Every pod merged, each line prefixed with its pod's name.
  for (const line of out.split("\n").slice(0, 4)) expect(line).toMatch(/^cart-api-\S+ \S/);
});

test("builds start --follow prints the build's log and ends when it succeeds; exec runs a shell in a pod", async () => {
  // Builds run on dc1's cicd node, which must be admitted (ONLINE) if npm start has not done it yet.
  const cicd = (await api(opsToken, "/nodes?dataCentre=dc1&zone=cicd")) as { items: { cluster: string; name: string; status: string }[] };
  for (const n of cicd.items.filter((i) => i.status === "WAIT"))
    expect((await capstan("ops", ["nodes", "transition", `${n.cluster}/${n.name}`, "--to", "ONLINE", "--reason", "builds"])).code).toBe(0);
  const [build, shell] = await Promise.all([
    capstan("dev", ["builds", "start", "shop/storefront", "--dc", "dc1", "--follow"]),
    capstan("dev", ["exec", "shop/cart/api"], "hostname\nexit 3\n"),
  ]);
  expect(build.code, build.stderr).toBe(0);
  expect(build.stderr).toMatch(/^build #\d+ of shop\/storefront \(\S+\) queued in dc1: ref main\nbuild #\d+ succeeded: [0-9a-f]{7,} sha256:[0-9a-f]{64}\n$/);
  // The log, streamed while it ran, names the commit it built (the tag is its short SHA).
  const tag = build.stderr.match(/succeeded: ([0-9a-f]+)/)![1]!;
  expect(build.stdout).toMatch(new RegExp(`^${tag}[0-9a-f]{33}`, "m"));
  // The shell's own exit status, as kubectl exec passes it on.
  expect(shell.code, shell.stderr).toBe(3);
  expect(shell.stdout).toMatch(/cart-api-\S+/);
  expect(shell.stderr).toBe("error: command terminated with exit code 3\n");
});
