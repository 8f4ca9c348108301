// api() through the real route handlers against a real PostgreSQL: the Idempotency-Key cache never
// keeps a secret and refuses a key reused with another body (issue 11, finding 6), and each kind of input
// that reached PostgreSQL raw is a 4xx naming what was wrong (finding 7).
import { beforeAll, describe, expect, it } from "vitest";
import { type Context, createApiToken, createGroup, getGroup, scaleGroup } from "@capstan/usecases";
import { withSecret } from "@capstan/usecases/internal";
import type { World } from "../../../../packages/usecases/src/testing/fixtures";
import { z } from "zod";
import { testDatabase } from "../../../../tests/database";
import { route as declare } from "../contract/route";
import { api, created } from "./api";

type Handler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
const V1 = "../../app/api/v1";
const route = async (path: string) => (await import(`${V1}/${path}/route.ts`)) as Record<string, Handler>;

let db: Awaited<ReturnType<typeof testDatabase>>["db"];
let adminToken = "";
let viewer: Context;
let world: World;

beforeAll(async () => {
  const test = await testDatabase();
  db = test.db;
  process.env.DATABASE_URL = test.url; // read by the handlers' db() on first use
  const { buildWorld } = await import("../../../../packages/usecases/src/testing/fixtures");
  world = await buildWorld(db);
  adminToken = (await createApiToken(world.as.platformAdmin, { name: "api test", expiresInDays: 1 })).token;
  viewer = world.as.viewer;
});

/** Calls a handler as Next would: URL, bearer token, JSON body, already-decoded path values. */
async function call(
  path: string,
  method: string,
  opts: { url?: string; body?: unknown; params?: Record<string, string>; token?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? adminToken}`, ...opts.headers };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost/api/v1${opts.url ?? `/${path}`}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  // Next hands static routes, and paths it cannot decode, no params at all.
  const response = await (await route(path))[method]!(request, { params: Promise.resolve(opts.params as Record<string, string>) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

describe("Idempotency-Key", () => {
  // A route whose answer holds a secret, as a new API token's does (tokens are made with a browser session,
  // which only a running portal has: e2e/api.spec.ts makes one there with a key and replays it).
  const SECRET = "cap_thisIsTheSecretPartOfAToken0123456789";
  let made = 0;
  const SecretSchema = z.object({ name: z.string(), token: z.string() });
  const declaration = declare({
    method: "POST",
    path: "/tokens",
    tag: "test",
    summary: "a secret",
    response: { status: 201, description: "", body: { SecretSchema } },
  });
  const secretRoute = api(declaration, async () => {
    made++;
    return created(withSecret({ name: "ci", token: SECRET }), "/api/v1/tokens/1");
  });
  const callSecret = async (key: string) => {
    const request = new Request("http://localhost/api/v1/tokens", {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "idempotency-key": key },
    });
    const response = await secretRoute(request, { params: Promise.resolve({}) });
    const text = await response.text();
    return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
  };

  it("never stores an answer that holds a secret, and refuses to replay it", async () => {
    const first = await callSecret("tok-1");
    expect(first.status).toBe(201);
    expect(first.json.token).toBe(SECRET);
    const rows = await db.$queryRaw<{ row: string }[]>`SELECT to_jsonb(k)::text AS row FROM "IdempotencyKey" k WHERE key = 'tok-1'`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).not.toContain(SECRET.slice(4, 20)); // nor any part of it

    const again = await callSecret("tok-1");
    expect(again.status).toBe(409);
    expect(again.text).not.toContain(SECRET.slice(4, 20));
    expect(again.json.error.fields).toEqual({ "Idempotency-Key": "was answered with a secret that cannot be replayed" });
    expect(made).toBe(1); // and the work was not done twice
  });

  it("a bearer token cannot make a token, so no key of it ever holds one", async () => {
    const r = await call("tokens", "POST", { body: { name: "ci", expiresInDays: 7 }, headers: { "idempotency-key": "tok-2" } });
    expect(r.status).toBe(403);
    expect(await db.apiToken.count({ where: { name: "ci" } })).toBe(0);
  });

  it("refuses a key reused with a different body (422 naming Idempotency-Key), and replays the same body", async () => {
    const dept = (key: string, displayName: string) =>
      call("departments", "POST", { body: { name: "idem", displayName }, headers: { "idempotency-key": key } });
    const first = await dept("dept-1", "Idem");
    expect(first.status).toBe(201);
    const same = await dept("dept-1", "Idem");
    expect(same.status).toBe(201);
    expect(same.headers.get("idempotent-replayed")).toBe("true");
    expect(same.json).toEqual(first.json);
    const other = await dept("dept-1", "Something else");
    expect(other.status).toBe(422);
    expect(other.json.error.fields).toEqual({ "Idempotency-Key": "was used with a different request body" });
    const [row] = await db.idempotencyKey.findMany({ where: { key: "dept-1" } });
    expect(row!.bodyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.department.count({ where: { name: "idem" } })).toBe(1);
  });
});

describe("Idempotency-Key keeps successes only (issue 12, finding 7)", () => {
  const groupParams = (group: string) => ({ system: "shop", app: "storefront", group });
  const scale = (group: string, replicas: number, key: string) =>
    call("systems/[system]/applications/[app]/groups/[group]/scale", "POST", {
      url: `/systems/shop/applications/storefront/groups/${group}/scale`,
      params: groupParams(group),
      body: { replicas },
      headers: { "idempotency-key": key },
    });
  const rollout = (image: string, version: number, key: string) =>
    call("systems/[system]/applications/[app]/groups/[group]/rollout", "POST", {
      params: groupParams("web"),
      body: { image, version },
      headers: { "idempotency-key": key },
    });

  beforeAll(async () => {
    const { withDataCentre } = await import("../../../../packages/usecases/src/testing/fixtures");
    // Room for exactly two instances in the shop system.
    await withDataCentre(world, { quota: { cpu: "64", memory: "128Gi", gpu: 0, instances: 2 } });
    const spec = { dataCentre: "dc1", imageTag: "1.0.0", replicas: 1, cpu: "100m", memory: "128Mi" };
    await createGroup(world.as.developer, "shop", "storefront", { name: "web", ...spec });
    await createGroup(world.as.developer, "shop", "storefront", { name: "worker", ...spec });
  });

  it("a scale refused over quota runs again once an instance is freed, with the same key", async () => {
    const refused = await scale("web", 2, "scale-k");
    expect(refused.status, refused.text).toBe(409);
    expect(await db.idempotencyKey.count({ where: { key: "scale-k" } })).toBe(0); // nothing kept
    expect((await scale("worker", 0, "free-k")).status).toBe(200);
    const retried = await scale("web", 2, "scale-k");
    expect(retried.status, retried.text).toBe(200);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(retried.json.replicas).toBe(2);
    // Now the success is kept: a third send is a replay, and the group is not scaled twice.
    const version = (await getGroup(world.as.developer, "shop", "storefront", "web")).version;
    const replayed = await scale("web", 2, "scale-k");
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect((await getGroup(world.as.developer, "shop", "storefront", "web")).version).toBe(version);
    await scaleGroup(world.as.developer, "shop", "storefront", "web", { replicas: 1 });
  });

  it("a stale version is not replayed: a repeat answers from the current state, and the key is free for the reloaded version", async () => {
    const current = (await getGroup(world.as.developer, "shop", "storefront", "web")).version;
    const stale = await rollout("1.1.0", current - 1, "roll-k");
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("stale_version");
    const again = await rollout("1.1.0", current - 1, "roll-k");
    expect(again.status).toBe(409);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    // Reloaded and sent again with the same key: it runs (it was a 422 "different body" while the 409 was kept).
    const fresh = await rollout("1.1.0", current, "roll-k");
    expect(fresh.status, fresh.text).toBe(200);
    expect(fresh.json.imageTag).toBe("1.1.0");
  });

  it("a refusal that depends on state (422: no such user yet) runs again once the state has changed", async () => {
    const add = () =>
      call("systems/[system]/members", "POST", {
        params: { system: "shop" },
        body: { email: "late@capstan.test" },
        headers: { "idempotency-key": "member-k" },
      });
    const refused = await add();
    expect(refused.status).toBe(422);
    expect(refused.json.error.fields).toEqual({ email: "is not a known user" });
    const late = await db.user.create({ data: { email: "late@capstan.test", name: "late" } });
    const retail = await db.department.findUniqueOrThrow({ where: { name: "retail" } });
    await db.departmentMember.create({ data: { departmentId: retail.id, userId: late.id, role: "DEVELOPER" } });
    const added = await add();
    expect(added.status, added.text).toBe(201);
    expect((await add()).headers.get("idempotent-replayed")).toBe("true");
  });

  it("a repeat while the first request runs is a 409 that neither stores nor frees the first request's claim", async () => {
    const { bodyHash } = await import("@capstan/usecases/internal");
    const userId = (await db.apiToken.findFirstOrThrow({ where: { name: "api test" } })).userId;
    const request = "POST /api/v1/systems/shop/applications/storefront/groups/web/scale";
    // The first request has claimed the key and is still running (no status yet).
    await db.idempotencyKey.create({ data: { userId, key: "race-k", request, bodyHash: bodyHash(JSON.stringify({ replicas: 2 })) } });
    const busy = await scale("web", 2, "race-k");
    expect(busy.status).toBe(409);
    expect(busy.json.error.fields).toEqual({ "Idempotency-Key": "is in use by a running request" });
    expect(await db.idempotencyKey.findUniqueOrThrow({ where: { userId_key: { userId, key: "race-k" } } })).toMatchObject({ status: null, request });
    expect((await getGroup(world.as.developer, "shop", "storefront", "web")).replicas).toBe(1);
  });
});

describe("input that used to reach PostgreSQL raw", () => {
  it("U+0000 and other control characters in any text field: 422 naming the field, nothing written", async () => {
    const before = await db.auditEvent.count();
    const nul = await call("departments", "POST", { body: { name: "nul", displayName: "a\u0000b" } });
    expect(nul.status).toBe(422);
    expect(nul.json.error.fields).toEqual({ displayName: "must not contain control characters (U+0000 at position 2)" });
    const nested = await call("departments/[department]", "PATCH", { params: { department: "retail" }, body: { description: "ok\n\u001b[31m", version: 1 } });
    expect(nested.status).toBe(422);
    expect(nested.json.error.fields).toEqual({ description: "must not contain control characters (U+001B at position 4)" });
    const surrogate = await call("departments", "POST", { body: { name: "sur", displayName: "x\ud800" } });
    expect(surrogate.json.error.fields).toEqual({ displayName: "must be valid Unicode (it has a lone surrogate)" });
    // A viewer reaches the token name (with a browser session; a bearer token cannot make tokens).
    await expect(createApiToken(viewer, { name: "\u0000", expiresInDays: 1 })).rejects.toMatchObject({
      status: 422,
      fields: { name: "must not contain control characters (U+0000 at position 1)" },
    });
    // Multi-line text keeps its line breaks and tabs.
    const multiLine = await call("departments", "POST", { body: { name: "lines", displayName: "Lines", description: "one\n\ttwo\r\n" } });
    expect(multiLine.status).toBe(201);
    expect(await db.auditEvent.count()).toBe(before + 1);
  });

  it("a JSON body that is not UTF-8: 400 naming the body, nothing written", async () => {
    const before = await db.department.count();
    const bytes = Buffer.concat([Buffer.from('{"name":"utf","displayName":"a'), Buffer.from([0xff]), Buffer.from('b"}')]);
    const request = new Request("http://localhost/api/v1/departments", {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: bytes,
    });
    const response = await (await route("departments")).POST!(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toEqual({ body: "is not valid UTF-8" });
    expect(await db.department.count()).toBe(before);
  });

  it("q=%00 and other control characters in a query: 400 naming the parameter", async () => {
    for (const path of ["departments", "systems", "users", "clusters", "audit", "nodes"]) {
      const r = await call(path, "GET", { url: `/${path}?q=%00` });
      expect(r.status, path).toBe(400);
      expect(r.json.error.fields, path).toEqual({ q: "must not contain control characters (U+0000 at position 1)" });
    }
  });

  it("whole numbers beyond PostgreSQL's integer: 422 naming the field", async () => {
    const r = await call("departments/[department]", "PATCH", { params: { department: "retail" }, body: { displayName: "Retail", version: 2 ** 31 } });
    expect(r.status).toBe(422);
    expect(r.json.error.fields).toEqual({ version: "must be at most 2147483647" });
    const page = await call("departments", "GET", { url: "/departments?page=99999999999" });
    expect(page.status).toBe(400);
    expect(page.json.error.fields).toEqual({ page: "must be at most 2147483647" });
  });

  it("path values with control characters, or that do not decode, and ids that are no UUID: 4xx", async () => {
    const nul = await call("departments/[department]", "DELETE", { params: { department: "\u0000" } });
    expect(nul.status).toBe(404);
    expect(nul.json.error.fields).toEqual({ department: "must not contain control characters (U+0000 at position 1)" });
    // Next decodes path segments once; users/{email} decodes once more, so "%2500" arrives as "%00".
    const twice = await call("users/[email]", "PATCH", { params: { email: "%00" }, body: { name: "X", version: 1 } });
    expect(twice.status, twice.text).toBe(404);
    // "%ff" does not decode: it stays as sent, and is no email address.
    const undecodable = await call("users/[email]", "PATCH", { params: { email: "%ff" }, body: { name: "X", version: 1 } });
    expect(undecodable.status).toBe(422);
    const dashes = await call("nodes/transitions/[id]", "GET", { params: { id: "-".repeat(36) } });
    expect(dashes.status).toBe(404);
  });

  it("a path Next cannot decode, which reaches the handler without params: 400 naming the path", async () => {
    for (const segment of ["%ff", "%ed%a0%80", "%e4%b8"]) {
      const r = await call("systems/[system]", "GET", { url: `/systems/${segment}` });
      expect(r.status, segment).toBe(400);
      expect(r.json.error.fields).toEqual({ path: "is not valid percent-encoded UTF-8" });
    }
  });

  it("a value the database refuses (a node cursor of the wrong type): 400, not 500", async () => {
    const cursor = Buffer.from(JSON.stringify({ key: "not a number", id: "00000000-0000-0000-0000-000000000000" })).toString("base64url");
    const r = await call("nodes", "GET", { url: `/nodes?sort=freeCpu&cursor=${cursor}` });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request");
  });
});

describe("answers are checked against their declaration outside production (issue 13)", () => {
  const GroupNameSchema = z.object({ name: z.string() });
  const declaration = declare({ method: "GET", path: "/x", tag: "test", summary: "", response: { status: 200, description: "", body: { GroupNameSchema } } });
  const call = async (handler: Parameters<typeof api<typeof declaration>>[1]) => {
    const request = new Request("http://localhost/api/v1/x", { headers: { authorization: `Bearer ${adminToken}` } });
    const response = await api(declaration, handler)(request, { params: Promise.resolve({}) });
    return { status: response.status, json: await response.json() };
  };

  it("a body the response schema describes is answered as it is", async () => {
    expect(await call(async () => ({ name: "web" }))).toEqual({ status: 200, json: { name: "web" } });
  });
  it("a body the response schema refuses is a 500 (logged with the zod issues)", async () => {
    // @ts-expect-error: the type checker refuses the handler too; this is the runtime half for what it cannot see (casts, JSON columns)
    const answer = await call(async () => ({ name: 42 }));
    expect(answer.status).toBe(500);
    expect(answer.json.error.code).toBe("internal");
  });
  it("a status other than the declared one is a 500", async () => {
    const answer = await call(async () => created({ name: "web" }, "/api/v1/x/web"));
    expect(answer.status).toBe(500);
  });
});
