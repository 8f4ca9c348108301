// The CLI end to end in-process, against a small HTTP server playing Capstan's API: arguments, output
// forms, paging, refusals, a server that answers something else, one that cannot be reached or is slow.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdtemp, stat } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { run } from "./cli";
import { writeConfig } from "./config";

const TOKEN = "cap_test-token-never-printed";
/** A route's answer, or "hang" for none (the handler may answer later through `res`). */
type Handler = (req: IncomingMessage, url: URL, body: string, res: ServerResponse) => { status: number; json?: unknown; text?: string } | "hang";
const routes = new Map<string, Handler>();
const seen: string[] = [];
let server: ReturnType<typeof createServer>;
let base: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const url = new URL(req.url!, "http://x");
      seen.push(`${req.method} ${url.pathname}${url.search}`);
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { code: "unauthenticated", message: "Sign in first.", fields: {} } }));
      }
      const handler = routes.get(`${req.method} ${url.pathname}`);
      const answer = handler ? handler(req, url, body, res) : { status: 404, json: { error: { code: "not_found", message: "Not found.", fields: {} } } };
      if (answer === "hang") return;
      res.writeHead(answer.status, { "content-type": answer.text !== undefined ? "text/html" : "application/json" });
      res.end(answer.text ?? JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Runs `capstan …` with its own configuration file; what it printed and its exit code. */
async function capstan(argv: string[], o: { config?: string; stdin?: string } = {}) {
  const config = o.config ?? join(await mkdtemp(join(tmpdir(), "capstan-cli-")), "config.json");
  let stdout = "";
  let stderr = "";
  const stdin = new PassThrough();
  if (o.stdin !== undefined) stdin.end(o.stdin);
  const code = await run(argv, {
    stdout: { write: (s: string | Uint8Array) => (stdout += typeof s === "string" ? s : Buffer.from(s).toString()) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
    env: { CAPSTAN_CONFIG: config },
  });
  expect(stdout + stderr).not.toContain(TOKEN);
  return { code, stdout, stderr, config };
}
async function loggedIn() {
  const config = join(await mkdtemp(join(tmpdir(), "capstan-cli-")), "config.json");
  await writeConfig(config, { server: base, token: TOKEN, user: "dev@capstan.local" });
  return config;
}

const system = (name: string) => ({
  name,
  displayName: name.toUpperCase(),
  description: "",
  department: "retail",
  isolation: "ISOLATED",
  version: 1,
  createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  updatedAt: new Date().toISOString(),
  applicationCount: 2,
  memberCount: 1,
});
const me = { email: "dev@capstan.local", name: "Dana Dev", role: "DEVELOPER", platformRole: null, departments: [], systems: ["shop"] };

describe("arguments", () => {
  it.each([
    [["groups", "scale", "shop/storefront/web", "--bogus"], "error: unknown flag: --bogus\nSee 'capstan groups scale --help' for usage.\n"],
    [["groups", "scale", "shop/storefront/web", "--replicas"], "error: flag needs an argument: --replicas\n"],
    [["groups", "scale", "shop/storefront/web", "--replicas", "two"], 'error: invalid value "two" for --replicas: must be a whole number\n'],
    [["groups", "scale", "shop/storefront/web"], "error: --replicas is required\n"],
    [["groups", "scale"], "error: GROUP is required\n"],
    [["groups", "scale", "web", "--replicas", "2"], "error: the group's system is missing"],
    [["groups", "get", "a/b/c", "extra"], 'error: unexpected argument "extra"\n'],
    [["systems", "ls", "-o", "xml"], 'error: unknown output format "xml": use table, json or yaml\n'],
    [["systems", "ls", "--mine=yes"], "error: flag takes no value: --mine\n"],
    [["systems", "list"], 'error: unknown command "systems list" for "capstan systems"\n'],
    [["deploy"], 'error: unknown command "deploy" for "capstan"\n'],
    [["logs", "a/b/c", "--since", "5 minutes"], 'error: invalid duration "5 minutes" for --since'],
    [["login"], "error: --server is required\n"],
    [["login", "--server", "ftp://x"], "error: the server address must use http or https, not ftp\n"],
  ])("capstan %j fails with exit code 1 and says why", async (argv, said) => {
    const r = await capstan(argv);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.startsWith(said)).toBe(true);
  });

  it("shows help with exit code 0: the overview, a group's commands and each command's flags", async () => {
    expect((await capstan([])).stdout).toContain("groups scale");
    const groups = await capstan(["groups"]);
    expect(groups.stdout).toContain("groups rollback");
    expect(groups.stdout).not.toContain("nodes ls");
    const help = await capstan(["groups", "scale", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("capstan groups scale SYSTEM/APP/GROUP --replicas N");
    expect(help.stdout).toContain("-r, --replicas N");
  });

  it("needs a login before talking to a server", async () => {
    const r = await capstan(["systems", "ls"]);
    expect(r).toMatchObject({ code: 1, stderr: 'error: not logged in\nLog in with "capstan login --server URL".\n' });
  });
});

describe("login", () => {
  it("checks the token with /me and keeps server and token in a file only its owner may read", async () => {
    routes.set("GET /api/v1/me", () => ({ status: 200, json: me }));
    const r = await capstan(["login", "--server", `${base}/api/v1/`], { stdin: `${TOKEN}\n` });
    expect(r).toMatchObject({ code: 0, stdout: `Logged in to ${base} as dev@capstan.local.\n` });
    expect((await stat(r.config)).mode & 0o777).toBe(0o600);
    const who = await capstan(["whoami"], { config: r.config });
    expect(who.stdout).toContain("dev@capstan.local");
    expect((await capstan(["logout"], { config: r.config })).stdout).toBe(`Logged out of ${base}.\n`);
    expect((await capstan(["whoami"], { config: r.config })).stderr).toContain("not logged in");
  });

  it("refuses a token the server refuses, writing nothing", async () => {
    const r = await capstan(["login", "--server", base, "--token", "cap_wrong"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: the server at ${base} did not accept the token (401: Sign in first.)\nLog in again with "capstan login --server ${base}".\n`);
    await expect(stat(r.config)).rejects.toThrow();
  });
});

describe("reading", () => {
  it("follows offset pages to the end, in all three forms", async () => {
    const all = Array.from({ length: 130 }, (_, i) => system(`s${String(i).padStart(3, "0")}`));
    routes.set("GET /api/v1/systems", (_req, url) => {
      const page = Number(url.searchParams.get("page"));
      const size = Number(url.searchParams.get("pageSize"));
      return { status: 200, json: { items: all.slice((page - 1) * size, page * size), total: all.length, page, pageSize: size } };
    });
    const config = await loggedIn();
    const t = await capstan(["systems", "ls", "--department", "retail"], { config });
    expect(t.code).toBe(0);
    const lines = t.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(131);
    expect(lines[0]).toMatch(/^NAME {3,}DISPLAY NAME {3,}DEPARTMENT {3,}ISOLATION {3,}APPS {3,}MEMBERS {3,}AGE$/);
    expect(lines[1]).toMatch(/^s000 {3,}S000 {3,}retail {3,}ISOLATED {3,}2 {3,}1 {3,}3d$/);
    expect(seen).toContain("GET /api/v1/systems?department=retail&pageSize=100&page=2");
    expect(JSON.parse((await capstan(["systems", "ls", "-o", "json"], { config })).stdout).items).toHaveLength(130);
    expect(parse((await capstan(["systems", "ls", "-o", "yaml", "--limit", "3"], { config })).stdout)).toEqual({ items: all.slice(0, 3) });
  });

  it("follows keyset cursors, stopping at --limit", async () => {
    const node = (name: string) => ({
      cluster: "dc1-a",
      dataCentre: "dc1",
      name,
      status: "ONLINE",
      allowed: ["OFFLINE"],
      stuckForMs: null,
      statusChangedAt: new Date().toISOString(),
      zone: "default",
      ready: true,
      unschedulable: false,
      kubeletVersion: "v1.31.0",
      internalIp: "10.0.0.1",
      cpuMillis: { allocatable: 8000, requested: 1500, free: 6500 },
      memoryMiB: { allocatable: 32768, requested: 1024, free: 31744 },
      gpu: { allocatable: 0, requested: 0 },
      podCapacity: { count: 3, allocatable: 110 },
      labels: {},
      taints: [],
      checkResults: null,
      lastError: null,
      lastErrorReason: null,
      lastErrorAt: null,
      failedAttempts: 0,
      version: 1,
    });
    routes.set("GET /api/v1/nodes", (_req, url) => {
      const cursor = url.searchParams.get("cursor");
      const items = cursor ? [node("n3"), node("n4")] : [node("n1"), node("n2")];
      return { status: 200, json: { items, total: 4, page: 1, pageSize: 2, nextCursor: cursor ? null : "c2" } };
    });
    const config = await loggedIn();
    const r = await capstan(["nodes", "ls", "--limit", "3"], { config });
    expect(r.stdout.split("\n")[1]).toMatch(/^n1 {3,}dc1-a {3,}dc1 {3,}ONLINE {3,}True {3,}default {3,}6.5 {3,}31GiB {3,}3\/110 {3,}v1.31.0$/);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(4);
    expect(seen).toContain("GET /api/v1/nodes?pageSize=3&cursor=c2");
  });

  it("groups history: the revisions newest first, what changed, and which one is the spec running now", async () => {
    const revision = (n: number, o: Record<string, unknown>) => ({
      revision: n,
      createdAt: new Date(Date.now() - n * 600_000).toISOString(),
      createdBy: "dev@example.com",
      changeCause: `change ${n}`,
      cause: null,
      changes: [],
      sameAsCurrent: false,
      spec: {
        imageTag: "1.0",
        imageDigest: null,
        cpu: "500m",
        memory: "512Mi",
        gpu: 0,
        cpuMode: "SHARED",
        zone: "",
        resourceLabels: [],
        env: [],
        healthCheck: null,
      },
      ...o,
    });
    routes.set("GET /api/v1/systems/shop/applications/storefront/groups/web/revisions", (_req, url) => ({
      status: 200,
      json: url.searchParams.get("cursor")
        ? { items: [revision(1, { changeCause: "created" })], total: 3, page: 1, pageSize: 100, nextCursor: null }
        : {
            items: [
              revision(3, {
                changes: [
                  { field: "imageTag", from: "1.1", to: "1.0" },
                  { field: "imageDigest", from: `sha256:${"a".repeat(64)}`, to: `sha256:${"b".repeat(64)}` },
                ],
                sameAsCurrent: true,
              }),
              revision(2, { spec: { ...revision(2, {}).spec, imageTag: "1.1" }, changes: [{ field: "env", from: [], to: [{ name: "A" }] }] }),
            ],
            total: 3,
            page: 1,
            pageSize: 100,
            nextCursor: "c2",
          },
    }));
    const r = await capstan(["groups", "history", "shop/storefront/web"], { config: await loggedIn() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^REVISION +AGE +BY +IMAGE +SAME AS NOW +CHANGES +CHANGE-CAUSE$/);
    // a digest is shortened as groups get shortens it, so a row stays readable
    expect(lines[1]).toMatch(/^3 +30m +dev@example.com +1.0 +yes +imageTag 1.1→1.0, imageDigest sha256:aaaaaaaaaaaa…→sha256:bbbbbbbbbbbb… +change 3$/);
    expect(lines[2]).toMatch(/^2 +20m +dev@example.com +1.1 +no +env +change 2$/);
    expect(lines[3]).toMatch(/^1 +10m +dev@example.com +1.0 +no +<none> +created$/);
    expect(seen).toContain("GET /api/v1/systems/shop/applications/storefront/groups/web/revisions?pageSize=100&cursor=c2");
    const one = await capstan(["groups", "history", "shop/storefront/web", "--limit", "1", "-o", "json"], { config: await loggedIn() });
    expect(JSON.parse(one.stdout).items.map((v: { revision: number }) => v.revision)).toEqual([3]);
  });

  it('says "No … found." on stderr for an empty list', async () => {
    routes.set("GET /api/v1/groups", () => ({ status: 200, json: { items: [], total: 0, page: 1, pageSize: 100 } }));
    const r = await capstan(["groups", "ls", "--phase", "failed"], { config: await loggedIn() });
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "No groups found.\n" });
    expect(seen).toContain("GET /api/v1/groups?phase=FAILED&pageSize=100&page=1");
  });
});

describe("streams", () => {
  const LOGS = "GET /api/v1/systems/shop/applications/cart/groups/api/logs";

  it("wait past the deadline for a log's first bytes while the server answers its health check", async () => {
    routes.set("GET /api/v1/health", () => ({ status: 200, json: { status: "ok", database: "ok" } }));
    const config = await loggedIn();
    // The answer begins after 4 s, past the 1 s deadline and after one health check (every 3 s).
    routes.set(LOGS, (_req, _url, _body, res) => {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("api-1 a line\n");
      }, 4000);
      return "hang";
    });
    const r = await capstan(["logs", "shop/cart/api", "-f", "--request-timeout", "1s"], { config });
    expect(r).toMatchObject({ code: 0, stdout: "api-1 a line\n", stderr: "" });
    expect(seen).toContain("GET /api/v1/health");
    expect(seen).toContain("GET /api/v1/systems/shop/applications/cart/groups/api/logs?follow=true");
  });

  it("give up when the server stops answering its health check", async () => {
    routes.set(LOGS, () => "hang");
    routes.set("GET /api/v1/health", () => "hang");
    const r = await capstan(["logs", "shop/cart/api", "-f", "--request-timeout", "500ms"], { config: await loggedIn() });
    expect(r).toMatchObject({
      code: 1,
      stderr: `error: the server at ${base} did not answer GET /api/v1/health within 0.5s\nCheck the address, or allow more time with --request-timeout.\n`,
    });
  });
});

describe("failures", () => {
  it("prints the server's message and each field error, exit code 1", async () => {
    routes.set("POST /api/v1/systems/shop/applications/storefront/groups/web/scale", () => ({
      status: 409,
      json: {
        error: {
          code: "conflict",
          message: 'Over the quota of system "shop" in dc1: CPU: asked 4 cores, 1.5 cores free.',
          fields: { replicas: "CPU: asked 4 cores, 1.5 cores free" },
        },
      },
    }));
    const r = await capstan(["groups", "scale", "web", "-s", "shop", "-a", "storefront", "--replicas", "8"], { config: await loggedIn() });
    expect(r).toMatchObject({
      code: 1,
      stdout: "",
      stderr: 'error: Over the quota of system "shop" in dc1: CPU: asked 4 cores, 1.5 cores free.\nreplicas: CPU: asked 4 cores, 1.5 cores free\n',
    });
  });

  it("reports a server that answers something other than Capstan's API", async () => {
    const config = await loggedIn();
    routes.set("GET /api/v1/groups", () => ({ status: 200, text: "<html>a proxy's page</html>" }));
    expect((await capstan(["groups", "ls"], { config })).stderr).toBe(
      `error: the server at ${base} answered GET /api/v1/groups, but its answer is not JSON\nIs it a Capstan server? Check the address given to capstan login.\n`,
    );
    routes.set("GET /api/v1/groups", () => ({ status: 200, json: { items: [{ name: "web" }], total: 1, page: 1, pageSize: 100 } }));
    const odd = await capstan(["groups", "ls"], { config });
    expect(odd.code).toBe(1);
    expect(odd.stderr).toContain(`error: the server at ${base} answered GET /api/v1/groups with something this CLI does not understand\nitems.0.system: `);
    routes.set("GET /api/v1/groups", () => ({ status: 502, text: "Bad gateway" }));
    expect((await capstan(["groups", "ls"], { config })).stderr).toContain("answered GET /api/v1/groups, but with 502 Bad Gateway and no Capstan error");
  });

  it("names the server it could not reach, and the one that did not answer in time", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await capstan(["systems", "ls", "--server", gone], { config: await loggedIn() });
    // A saved token goes only to its own server.
    expect(r.stderr).toContain(`error: logged in to ${base}, not ${gone}`);
    const unreachable = await capstan(["login", "--server", gone, "--token", TOKEN]);
    expect(unreachable).toMatchObject({ code: 1, stderr: `error: could not reach the server at ${gone} (ECONNREFUSED)\n` });

    routes.set("GET /api/v1/me", () => "hang");
    const started = Date.now();
    const slow = await capstan(["login", "--server", base, "--token", TOKEN, "--request-timeout", "300ms"]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(slow.stderr).toBe(
      `error: the server at ${base} did not answer GET /api/v1/me within 0.3s\nCheck the address, or allow more time with --request-timeout.\n`,
    );
  });
});
