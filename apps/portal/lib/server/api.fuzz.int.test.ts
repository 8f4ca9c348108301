// Property-based fuzz of the whole REST API (issue 11, finding 7): every handler of every
// apps/portal/app/api/v1/**/route.ts is called in-process with a bearer token, fuzzed path segments,
// query strings, bodies (valid bodies with one to three parts replaced by nasty values, arbitrary JSON,
// broken JSON) and Idempotency-Keys, against a real PostgreSQL. Properties: no answer is a 5xx (except
// 502/503 from the two routes that must reach a cluster or a registry, see ALLOWED_5XX), and a 4xx
// writes nothing.
// Reproduce a failure with the seed and path fast-check prints: FUZZ_SEED=<seed> FUZZ_PATH=<path>.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";

const V1 = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Route {
  template: string; // e.g. /systems/{system}/applications/{app}
  method: Method;
  handler: Handler;
  body: string | undefined; // the OpenAPI schema name of its request body
  [fc.toStringMethod]: () => string;
}

/** 502/503 are how these answer when the cluster or the registry they must reach does not answer. */
const ALLOWED_5XX: Record<string, number[]> = {
  "POST /clusters/{cluster}/check": [502, 503],
  "GET /systems/{system}/applications/{app}/images": [502, 503],
  // Registry access and images: changes that must reach Harbor (the fixtures' is not there).
  "POST /systems/{system}/registry/robots": [502],
  "POST /systems/{system}/registry/robots/{dc}/{robot}/rotate": [502],
  "DELETE /systems/{system}/registry/robots/{dc}/{robot}": [502],
  "DELETE /systems/{system}/applications/{app}/images/tags/{tag}": [502],
  "POST /systems/{system}/applications/{app}/images/promote": [502],
  // A group's logs are read from its pods' cluster (the fixtures' does not answer).
  "GET /systems/{system}/applications/{app}/groups/{group}/logs": [502],
};

// ───── Nasty values ─────
const NASTY_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\u0001",
  "\u0007bell",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\ud800",
  "x\udfff",
  "\ud83d",
  "%ff",
  "%00",
  "%",
  "%zz",
  "%c0%af",
  "😀",
  "\u202e",
  "\ufeff",
  "ＡＢＣ",
  "' OR 1=1--",
  "../../etc/passwd",
  "\\",
  "",
  " ",
  "\t",
  "\n",
  "a".repeat(300),
  "é".repeat(5000),
  "NaN",
  "Infinity",
  "-1",
  "1e400",
  "0x10",
  "null",
  "true",
  "2147483648",
  "9223372036854775808",
  "00000000-0000-0000-0000-000000000000",
  "-".repeat(36),
  "not-a-uuid",
];
/** Cursors of the node list that decode (base64url JSON) but hold values of the wrong type. */
const CURSORS = [
  { key: "x", id: "00000000-0000-0000-0000-000000000000" },
  { key: "99999999999", id: "00000000-0000-0000-0000-000000000000" },
  { key: "1", id: "-".repeat(36) },
  { key: "\u0000", id: "00000000-0000-0000-0000-000000000000" },
  { key: "2026-01-01T00:00:00.000Z", id: "1" },
  { key: "2026-01-01T00:00:00.000Z", id: "9223372036854775808" },
  { key: "+275760-09-13T00:00:00.000Z", id: "00000000-0000-0000-0000-000000000000" },
  { key: "2147483648", id: "00000000-0000-0000-0000-000000000000" },
].map((c) => Buffer.from(JSON.stringify(c)).toString("base64url"));
const NASTY_NUMBERS = [2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, -1, 0, 1.5, 1e-300, 2 ** 63, 4294967296];
/** Plausible text with one control character (C0, DEL or C1) or lone surrogate inside. */
const withControl = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 0x1f }) },
      { weight: 1, arbitrary: fc.constantFrom(0x7f, 0x85, 0x9f, 0xd800, 0xdfff) },
    ),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, c, b]) => `${a}${String.fromCharCode(c)}${b}`);
const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: withControl },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
);
const nastyNumber = fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [["x"]], { a: { b: { c: "\u0000" } } }, ["\u0000"]) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

// ───── Valid bodies, one per request schema: the fuzz replaces parts of them ─────
const SEEDS: Record<string, Record<string, unknown>> = {
  DepartmentCreate: { name: "dept-x", displayName: "Dept", description: "d" },
  DepartmentUpdate: { displayName: "Retail", description: "d", version: 1 },
  SystemCreate: { name: "sys-x", displayName: "Sys", description: "d", department: "retail", isolation: "OPEN" },
  SystemUpdate: { displayName: "Shop", description: "d", isolation: "OPEN", version: 1 },
  SystemMemberAdd: { email: "viewer@capstan.test" },
  ApplicationCreate: {
    name: "app-x",
    displayName: "App",
    description: "d",
    port: 8080,
    healthCheckPath: "/h",
    gitRepository: "https://git.test/x",
    gitBranch: "main",
    dockerfilePath: "Dockerfile",
    buildCommand: "make",
  },
  ApplicationUpdate: {
    displayName: "App",
    description: "d",
    port: 8081,
    healthCheckPath: "/h",
    gitBranch: "main",
    dockerfilePath: "Dockerfile",
    buildCommand: "make",
    version: 1,
  },
  BuildCreate: { ref: "main", dataCentre: "dc1", tag: "v1" },
  TokenCreate: { name: "tok", expiresInDays: 30 },
  UserCreate: { email: "new@capstan.test", name: "New", password: "violet-kayak-meridian-47", platformRole: null },
  PasswordChange: { currentPassword: "whatever-it-was", newPassword: "violet-kayak-meridian-47" },
  UserUpdate: { name: "Target", disabled: false, version: 1 },
  DepartmentMemberAdd: { email: "target@capstan.test", role: "VIEWER" },
  DepartmentMemberSet: { role: "VIEWER" },
  DataCentreCreate: {
    name: "dc-x",
    displayName: "DC",
    region: "r",
    harborUrl: "http://harbor.fuzz.test",
    harborUsername: "u",
    harborPassword: "p",
    dnsZone: "dc-x.capstan.internal",
  },
  DataCentreUpdate: {
    displayName: "DC",
    region: "r",
    harborUsername: "u",
    builderImage: "quay.io/buildah/stable:v1.37",
    buildsPerSystem: 2,
    dnsTarget: "SERVICE_ADDRESS",
    version: 1,
  },
  ClusterCreate: { name: "cl-x", dataCentre: "dc1", kubeconfig: "apiVersion: v1\nkind: Config\n" },
  ClusterUpdate: { kubeconfig: "apiVersion: v1\nkind: Config\n", version: 1 },
  GroupCreate: {
    name: "grp-x",
    dataCentre: "dc1",
    imageTag: "1.0.0",
    replicas: 1,
    cpu: "100m",
    memory: "128Mi",
    zone: "default",
    env: [{ name: "A", value: "b" }],
    healthCheck: { path: "/h", initialDelaySeconds: 5, periodSeconds: 10 },
    follow: { branch: "main" },
  },
  GroupUpdate: { imageTag: "1.0.1", env: [{ name: "A", value: "b" }], healthCheck: { path: "/h" }, follow: { branch: "release/1.x" }, version: 1 },
  GroupScale: { replicas: 2 },
  GroupAutoscalingSet: {
    minReplicas: 1,
    maxReplicas: 3,
    cpuUtilisation: 70,
    behaviour: { scaleUpStabilisationSeconds: 0, scaleDownStabilisationSeconds: 30 },
    version: 1,
  },
  TerminalTicketCreate: { container: "storefront" },
  PushRobotCreate: { dataCentre: "dc1", name: "ci" },
  ImagePromote: { tag: "1.0.0", from: "dc1", to: ["dc2"] },
  GroupRollout: { image: "1.0.2", version: 1 },
  GroupRollback: { revision: 1 },
  PlacementPreview: { dataCentre: "dc1", replicas: 1, cpu: "100m", memory: "128Mi", zone: "default", resourceLabels: [] },
  QuotaSet: { cpu: "2", memory: "2Gi", gpu: 0, instances: 10, version: 1 },
  QuotaRequestCreate: { system: "shop", dataCentre: "dc1", cpu: "1", memory: "1Gi", gpu: 0, instances: 1, reason: "more" },
  QuotaRequestApprove: { cpu: "1", comment: "ok", version: 1 },
  QuotaRequestReject: { comment: "no", version: 1 },
  NodeTransitionRequest: { to: "OFFLINE", reason: "maintenance" },
  NodeBulkTransitionRequest: { to: "ONLINE", reason: "back", filter: { cluster: "cl1", q: "node" } },
  NodeLabelsUpdate: { labels: { zone: "default", "res.ssd": "true" }, version: 1 },
  LabelPolicySet: { zones: ["default"], dedicatedZones: [], resourceLabels: ["res.ssd"], exclusiveSets: [], version: 1 },
  NodeInitChecksSet: { requireReady: true, minKubeletVersion: "v1.29.0", requiredLabels: ["zone"], version: 0 },
  LoadBalancerCreate: {
    name: "lb-x",
    kind: "haproxy",
    replicas: 1,
    dataCentre: "dc1",
    cluster: "cl1",
    port: 8080,
    protocol: "HTTP",
    algorithm: "leastconn",
    healthCheck: { path: "/h", intervalSeconds: 2, rise: 2, fall: 3 },
    timeouts: { connectSeconds: 5, clientSeconds: 30, serverSeconds: 30 },
    stickyCookie: "srv",
    forwardedFor: true,
    maxConnPerBackend: 100,
    domains: [],
    members: [{ group: "web", weight: 10 }],
  },
  LoadBalancerUpdate: { replicas: 1, algorithm: "source", healthCheck: { path: "/h" }, timeouts: { connectSeconds: 3 }, stickyCookie: null, version: 1 },
  LoadBalancerMembersSet: { members: [{ group: "web", weight: 5 }], version: 1 },
  LoadBalancerTakeOut: { drainSeconds: 5 },
  NotificationPreferencesSet: { preferences: [{ kind: "group.failing", inApp: true, email: false, webhook: true }] },
  NotificationTargetSet: { email: "team@capstan.test", webhookUrl: "http://127.0.0.1:9/send?key=k", webhookFormat: "msgtype", version: 1 },
};

/** Every path to a value in a JSON value, e.g. ["env", 0, "value"]; objects and arrays included. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = at.length ? [at] : [];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v !== null && typeof v === "object") return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return here;
}
const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
const valueAt = (v: unknown, at: (string | number)[]) => at.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], v);
function replaced(v: unknown, at: (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[head!] = replaced(copy[head!], rest, value);
  return copy;
}

/** A valid body with 1–3 of its parts (or a new key) replaced by nasty values. */
const mutatedSeed = (seed: Record<string, unknown>) => {
  const all = paths(seed);
  const edit = fc.oneof(
    { weight: 3, arbitrary: fc.record({ at: fc.constantFrom(...all), value: nastyValue }) },
    // A new key in the body or in one of its objects (labels are a record keyed by user text).
    {
      weight: 1,
      arbitrary: fc.record({
        at: fc.constantFrom([] as (string | number)[], ...all.filter((p) => isObject(valueAt(seed, p)))).chain((p) => nastyString.map((k) => [...p, k])),
        value: nastyValue,
      }),
    },
  );
  return fc
    .oneof({ weight: 4, arbitrary: fc.array(edit, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(edit, { minLength: 2, maxLength: 3 }) })
    .map((edits) => edits.reduce<unknown>((b, e) => replaced(b, e.at, e.value), seed));
};

const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return "x"; // a lone surrogate: only the params object carries it, as Next would after decoding
  }
};

// ───── The world the requests act on ─────
let adminToken = "";
let developerToken = "";
let fixtures: Record<string, string[]> = {};
let client: pg.Client;
let fingerprintSql = "";
let routes: Route[] = [];

beforeAll(async () => {
  const { db, url } = await testDatabase();
  process.env.DATABASE_URL = url; // the route handlers' db() reads it on first use
  const { buildWorld, withDataCentre } = await import("../../../../packages/usecases/src/testing/fixtures");
  const uc = await import("@capstan/usecases");
  const world = await buildWorld(db);
  const admin = world.as.platformAdmin;
  await db.user.create({ data: { email: "target@capstan.test", name: "Target" } });
  await withDataCentre(world, { cluster: "cl1" });
  await uc.createGroup(admin, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0.0", replicas: 1, cpu: "100m", memory: "128Mi" });
  await db.application.updateMany({ where: { name: "storefront" }, data: { gitRepository: "https://git.test/x" } });
  const build = await uc.createBuild(admin, "shop", "storefront", {});
  const cluster = await db.cluster.findUniqueOrThrow({ where: { name: "cl1" } });
  await db.node.create({ data: { clusterId: cluster.id, name: "node-1", labels: { zone: "default" } } });
  await uc.createLoadBalancer(admin, "shop", "storefront", { name: "front", dataCentre: "dc1", members: [{ group: "web" }] });
  const web = await db.group.findFirstOrThrow({ where: { name: "web" } });
  const pod = await db.pod.create({
    data: {
      clusterId: cluster.id,
      namespace: "shop",
      name: "storefront-web-5d9f7c-abcde",
      uid: "u1",
      groupId: web.id,
      phase: "Running",
      ready: true,
      ip: "10.0.0.7",
    },
  });
  const request = await uc.createQuotaRequest(world.as.developer, {
    system: "shop",
    dataCentre: "dc1",
    cpu: "1",
    memory: "1Gi",
    gpu: 0,
    instances: 1,
    reason: "launch",
  });
  const spare = await uc.createApiToken(world.as.developer, { name: "spare", expiresInDays: 1 });
  adminToken = (await uc.createApiToken(admin, { name: "fuzz", expiresInDays: 1 })).token;
  developerToken = (await uc.createApiToken(world.as.developer, { name: "fuzz", expiresInDays: 1 })).token;
  // Valid path values (kept: the fuzz never deletes through them, see params()).
  fixtures = {
    department: ["retail", "finance"],
    system: ["shop", "ledger"],
    app: ["storefront"],
    group: ["web"],
    dc: ["dc1"],
    robot: ["ci"],
    tag: ["1.0.0"],
    cluster: ["cl1"],
    node: ["node-1"],
    email: ["target@capstan.test", "target%40capstan.test"],
    id: [request.id, spare.id],
    build: [build.id],
    lb: ["front"],
    pod: [pod.name],
  };

  // One query: per table its row count and newest row version (xmin), which any insert, update or delete
  // changes. API tokens record their use once a minute by design, so theirs is a digest without lastUsedAt.
  // Idempotency keys are in: a refusal keeps no key (keptForReplay), so a 4xx leaves that table as it was.
  client = new pg.Client({ connectionString: url });
  await client.connect();
  const tables = (
    await client.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations') ORDER BY 1`,
    )
  ).rows.map((r) => r.t);
  fingerprintSql = tables
    .map((t) =>
      t === "ApiToken"
        ? `SELECT '${t}' AS t, md5(string_agg((to_jsonb(x) - 'lastUsedAt')::text, ',' ORDER BY x.id)) AS d FROM "${t}" x`
        : `SELECT '${t}', count(*) || '/' || coalesce(max(xmin::text::bigint), 0) FROM "${t}"`,
    )
    .concat(`SELECT 'graphile_worker.jobs', count(*) || '/' || coalesce(max(xmin::text::bigint), 0) FROM graphile_worker._private_jobs`)
    .join(" UNION ALL ");

  const { openApiDocument } = await import("../openapi");
  const doc = openApiDocument() as {
    paths: Record<string, Record<string, { requestBody?: { content: { "application/json": { schema: { $ref: string } } } } }>>;
  };
  const files = fs.readdirSync(V1, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
  for (const file of files) {
    const template = "/" + path.dirname(file).replaceAll("[", "{").replaceAll("]", "}");
    const mod = (await import(path.join(V1, file))) as Partial<Record<Method, Handler>>;
    for (const method of METHODS) {
      const handler = mod[method];
      if (!handler) continue;
      const ref = doc.paths[template]?.[method.toLowerCase()]?.requestBody?.content["application/json"].schema.$ref;
      // Counterexamples name the route rather than print its handler's source.
      routes.push({ template, method, handler, body: ref?.split("/").pop(), [fc.toStringMethod]: () => `${method} ${template}` });
    }
  }
  routes = routes.filter((r) => r.template !== "/health" && r.template !== "/openapi.json"); // no input, no database writes
});

const fingerprint = async () => (await client.query<{ t: string; d: string }>(fingerprintSql)).rows.map((r) => `${r.t}:${r.d}`).join("\n");

/** Path values: a real one (never for DELETE, so the world stays), or fuzz as Next hands it over. */
const params = (route: Route) => {
  const names = [...route.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const value = (name: string) =>
    route.method === "DELETE" && name !== "department" && name !== "system"
      ? fc.oneof(nastyString, fc.uuid())
      : fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...(fixtures[name] ?? ["x"])) },
          { weight: 2, arbitrary: nastyString },
          { weight: 1, arbitrary: fc.uuid() },
        );
  return fc.record(
    Object.fromEntries(
      names.map((n) => [
        n,
        route.method === "DELETE" && (n === "department" || n === "system") ? fc.constantFrom("nope", "\u0000", "%ff", "a".repeat(300)) : value(n),
      ]),
    ),
  );
};

/** A few keys reused across routes and bodies (422s and replays), and malformed ones. */
const IDEMPOTENCY_KEYS = fc.constantFrom("k1", "k2", "k3", "x".repeat(201), "a b", "é", "\t");

const QUERY_KEYS = [
  "q",
  "page",
  "pageSize",
  "cursor",
  "sort",
  "order",
  "status",
  "system",
  "application",
  "dataCentre",
  "department",
  "action",
  "cluster",
  "zone",
  "label",
  "minFreeCpu",
  "minFreeMemory",
  "toReview",
  "mine",
  "limit",
];
/** A raw query string: percent-escapes (valid or not) are left for URLSearchParams to decode. */
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }),
      fc.oneof(
        fc.constantFrom(
          "%00",
          "a%00b",
          "%ff",
          "%",
          "%c3%28",
          "%ed%a0%80",
          "1",
          "0",
          "2147483647",
          "2147483648",
          "99999999999999999999",
          "-5",
          "1e400",
          "NaN",
          "true",
          "name",
          "desc",
          "freeCpu",
          "statusChangedAt",
          "status",
          ...CURSORS,
        ),
        nastyString,
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${/%/.test(v) && !/[^\x21-\x7e]/.test(v) ? v : encode(v)}`).join("&"));

type Body = { text: string; type: string } | undefined;
const bodyFor = (route: Route): fc.Arbitrary<Body> => {
  if (route.method === "GET" || route.method === "DELETE") return fc.constant(undefined);
  const seed = route.body ? SEEDS[route.body] : undefined;
  const json = (a: fc.Arbitrary<unknown>) => a.map((v) => ({ text: JSON.stringify(v) ?? "null", type: "application/json" }));
  return fc.oneof(
    { weight: seed ? 8 : 0, arbitrary: json(seed ? mutatedSeed(seed) : fc.constant({})) },
    { weight: 2, arbitrary: json(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom(...Object.keys(seed ?? { x: 1 })), nastyValue))) },
    {
      weight: 1,
      arbitrary: fc.record({
        text: fc.constantFrom("{", "\u0000", '{"name":"\\u0000"}', '{"a":' + "[".repeat(5000), "[]", "null", '"x"', "1e999"),
        type: fc.constantFrom("application/json", "text/plain", "application/json; charset=latin1"),
      }),
    },
  );
};

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const replayPath = process.env.FUZZ_PATH;

describe("the REST API under fuzzed input", () => {
  it("every route has a valid seed body for its request schema", () => {
    expect(routes.length).toBeGreaterThan(60);
    const missing = routes.filter((r) => r.body && !SEEDS[r.body]).map((r) => `${r.method} ${r.template} (${r.body})`);
    expect(missing).toEqual([]);
  });

  it("never answers 5xx, and writes nothing when it answers 4xx", async () => {
    const request = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        params: params(route),
        // As Next sends a path it cannot decode: the raw segment in the URL, and no params.
        undecodable: route.template.includes("{") ? fc.option(fc.constantFrom("%ff", "%ed%a0%80", "%c0%af", "%e4%b8", "a%"), { freq: 10 }) : fc.constant(null),
        query: route.method === "GET" ? queryString : fc.constant(""),
        body: bodyFor(route),
        as: fc.constantFrom("admin", "developer"),
        key: route.method === "POST" ? fc.option(IDEMPOTENCY_KEYS, { freq: 4 }) : fc.constant(null),
      }),
    );
    let last = await fingerprint();
    await fc.assert(
      fc.asyncProperty(request, async ({ route, params: p, undecodable, query, body, as, key }) => {
        const pathname = "/api/v1" + route.template.replace(/\{(\w+)\}/g, (_, n: string) => undecodable ?? encode(p[n]!));
        const headers: Record<string, string> = { authorization: `Bearer ${as === "admin" ? adminToken : developerToken}` };
        if (body) headers["content-type"] = body.type;
        if (key !== null) headers["idempotency-key"] = key;
        const req = new Request(`http://localhost${pathname}${query ? `?${query}` : ""}`, { method: route.method, headers, body: body?.text });
        // Static routes, and paths Next cannot decode, get no params at all, as from Next.
        const res = await route.handler(req, {
          params: Promise.resolve((undecodable || !route.template.includes("{") ? undefined : p) as Record<string, string>),
        });
        const what = `${route.method} ${route.template} ${JSON.stringify(p)} ?${query} ${body?.text.slice(0, 300) ?? ""} → ${res.status} ${(await res.text()).slice(0, 300)}`;
        const name = `${route.method} ${route.template}`;
        // The state before this request is the state after the last one: one digest per request.
        const before = last;
        last = await fingerprint();
        if (res.status >= 500) expect(ALLOWED_5XX[name] ?? [], what).toContain(res.status);
        if (res.status >= 400 && res.status < 500) expect(last, `a ${res.status} wrote: ${what}`).toBe(before);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed, path: replayPath, endOnFailure: true },
    );
  }, 300_000);
});

// Outside production api() answers 500 when an answer is not what the route's declaration says
// (lib/contract): one call per GET with real path values shows each response schema matches what is served.
describe("answers match their declarations (issue 13)", () => {
  const call = async (route: Route, init: { params?: Record<string, string>; query?: string; body?: unknown } = {}) => {
    const pathname = "/api/v1" + route.template.replace(/\{(\w+)\}/g, (_, n: string) => encode(init.params![n]!));
    const headers: Record<string, string> = { authorization: `Bearer ${adminToken}` };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const req = new Request(`http://localhost${pathname}${init.query ?? ""}`, { method: route.method, headers, body: JSON.stringify(init.body) });
    const res = await route.handler(req, { params: Promise.resolve(init.params ?? {}) });
    return { status: res.status, text: await res.text() };
  };
  const find = (method: Method, template: string) => routes.find((r) => r.method === method && r.template === template)!;

  it("every GET answers its declared status with a body its response schema accepts", async () => {
    const accepted = await call(find("POST", "/nodes/transitions"), { body: { to: "OFFLINE", reason: "check", filter: { cluster: "cl1" } } });
    expect(accepted.status, accepted.text).toBe(202);
    const bulk = JSON.parse(accepted.text) as { id: string };
    const values: Record<string, string> = { ...Object.fromEntries(Object.entries(fixtures).map(([k, v]) => [k, v[0]!])), id: bulk.id };
    const gets = routes.filter((r) => r.method === "GET" && r.template !== "/{...path}"); // the catch-all is the 404 for undeclared paths
    expect(gets.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const route of gets) {
      const names = [...route.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const params = Object.fromEntries(names.map((n) => [n, values[n]!]));
      const query = route.template.endsWith("/images") ? "?dataCentre=dc1" : route.template === "/search" ? "?q=a" : "";
      const answer = await call(route, { params, query });
      // The images route must reach the data centre's Harbor, which this test has not got: 502/503 there.
      const expected = ALLOWED_5XX[`GET ${route.template}`] ?? [200];
      if (!expected.includes(answer.status)) wrong.push(`GET ${route.template} → ${answer.status} ${answer.text.slice(0, 300)}`);
    }
    expect(wrong).toEqual([]);
  });
});
