// Object names as the real API server checks them: the rule per kind, the 422 Invalid Status, and the
// names generateName makes. Plus the registry's names (project, repository).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { testSim, type TestSim, raw } from "../testing.js";
import { generateName, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, nameProblems, qualifiedNameProblems } from "./names.js";
import { isHarborProjectName, isRepositoryName } from "../harbor/names.js";

describe("name rules (apimachinery validation)", () => {
  it.each(["a", "my-name", "abc-123", "a".repeat(63)])("DNS-1035 accepts %s", (v) => expect(isDNS1035Label(v)).toEqual([]));
  it.each(["1app-web", "123-abc", "-a", "a-", "a.b", "A", "a_b", ""])("DNS-1035 refuses %j", (v) => expect(isDNS1035Label(v)).toHaveLength(1));
  it("reports length and form separately, as apimachinery does", () => {
    expect(isDNS1035Label(`1${"a".repeat(63)}`)).toEqual(["must be no more than 63 characters", expect.stringContaining("a DNS-1035 label must consist of")]);
    expect(isDNS1123Label("a".repeat(64))).toEqual(["must be no more than 63 characters"]);
    expect(isDNS1123Subdomain(`${"a".repeat(63)}.`.repeat(4) + "a")).toEqual(["must be no more than 253 characters"]);
    expect(isDNS1123Label("1app")).toEqual([]);
    expect(isDNS1123Subdomain("a.b-c")).toEqual([]);
  });
  it("uses each kind's rule", () => {
    expect(nameProblems("Service", "1app-web")).toHaveLength(1);
    expect(nameProblems("Namespace", "1app")).toEqual([]);
    expect(nameProblems("Namespace", "a.b")).toHaveLength(1);
    expect(nameProblems("Deployment", "1app-web.x")).toEqual([]);
    expect(nameProblems("Role", "system:Reader")).toEqual([]);
  });
  it("checks label keys as IsQualifiedName: prefix a subdomain, name part at most 63", () => {
    expect(qualifiedNameProblems("capstan.io/system")).toEqual([]);
    expect(qualifiedNameProblems(`res.${"a".repeat(59)}`)).toEqual([]);
    expect(qualifiedNameProblems(`res.${"a".repeat(60)}`)).toEqual(["name part must be no more than 63 characters"]);
    expect(qualifiedNameProblems("/a")).toEqual(["prefix part must be non-empty"]);
    expect(qualifiedNameProblems("Bad_Prefix/a")[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(qualifiedNameProblems("a/b/c")).toHaveLength(1);
  });
  it("cuts generated names to 58 characters before the random five, as SimpleNameGenerator", () => {
    expect(generateName(`${"d".repeat(60)}-`, "xyz12")).toBe(`${"d".repeat(58)}xyz12`);
    expect(generateName("web-5d9f-", "xyz12")).toBe("web-5d9f-xyz12");
  });
  it("knows Harbor project and registry repository names", () => {
    expect(["a", "a.b_c-d", "shop1"].every(isHarborProjectName)).toBe(true);
    expect(["a--b", "a__b", "-a", "A", "", "a".repeat(256)].some(isHarborProjectName)).toBe(false);
    expect(["shop/web", "a/b--c", "a/b__c/d"].every(isRepositoryName)).toBe(true);
    expect(["shop/Web", "shop//web", "shop/-web", `a/${"b".repeat(254)}`].some(isRepositoryName)).toBe(false);
  });
});

describe("the API server refuses names as the real one does", () => {
  let sim: TestSim;
  beforeAll(async () => {
    sim = await testSim({ nodes: 1 });
  });
  afterAll(() => sim.stop());
  const post = (p: string, body: unknown) =>
    raw(sim.clusters[0], p, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("a Service named 1app-web: 422 Invalid, DNS-1035", async () => {
    await post("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "1app" } }).then((r) => expect(r.status).toBe(201));
    const r = await post("/api/v1/namespaces/1app/services", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "1app-web" },
      spec: { ports: [{ port: 80 }] },
    });
    expect(r.status).toBe(422);
    expect(r.json()).toMatchObject({
      kind: "Status",
      status: "Failure",
      reason: "Invalid",
      code: 422,
      details: {
        name: "1app-web",
        kind: "Service",
        causes: [
          {
            reason: "FieldValueInvalid",
            field: "metadata.name",
            message: expect.stringContaining(
              "Invalid value: \"1app-web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character",
            ),
          },
        ],
      },
    });
    expect(r.json().message).toMatch(/^Service "1app-web" is invalid: metadata.name: Invalid value/);
  });
  it("a Deployment may be named what a Service may not; a namespace may not hold a dot", async () => {
    const d = await post("/apis/apps/v1/namespaces/1app/deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "1app-web.v2" },
      spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "i" }] } } },
    });
    expect(d.status).toBe(201);
    const n = await post("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "a.b" } });
    expect(n.status).toBe(422);
    expect(n.json().details.causes[0].message).toContain("a lowercase RFC 1123 label");
  });
  it("a Service name over 63 characters: both causes", async () => {
    const r = await post("/api/v1/namespaces/1app/services", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: `9${"a".repeat(63)}` },
      spec: { ports: [{ port: 80 }] },
    });
    expect(r.json().details.causes.map((c: { message: string }) => c.message.replace(/^Invalid value: "[^"]*": /, "").slice(0, 20))).toEqual([
      "must be no more than",
      "a DNS-1035 label mus",
    ]);
  });
  it("a label key whose name part is over 63 characters: 422", async () => {
    const r = await post("/api/v1/namespaces/1app/configmaps", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", labels: { [`res.${"a".repeat(60)}`]: "true" } },
    });
    expect(r.status).toBe(422);
    expect(r.json().details.causes[0]).toMatchObject({
      field: "metadata.labels",
      message: expect.stringContaining("name part must be no more than 63 characters"),
    });
  });
  it("default, kube-system and kube-public may not be deleted (NamespaceLifecycle); another namespace may", async () => {
    for (const name of ["default", "kube-system", "kube-public"]) {
      const r = await raw(sim.clusters[0], `/api/v1/namespaces/${name}`, { method: "DELETE" });
      expect(r.status).toBe(403);
      expect(r.json()).toMatchObject({ kind: "Status", reason: "Forbidden", message: `namespaces "${name}" is forbidden: this namespace may not be deleted` });
    }
    expect((await raw(sim.clusters[0], "/api/v1/namespaces/kube-system")).json().status.phase).toBe("Active");
    expect((await raw(sim.clusters[0], "/api/v1/namespaces/1app", { method: "DELETE" })).status).toBe(200);
  });
  it("the registry refuses a repository name outside the reference grammar", async () => {
    const info = JSON.parse(fs.readFileSync(path.join(sim.dir, "dc1.registry.json"), "utf8"));
    const auth = `Basic ${Buffer.from(`${info.username}:${info.password}`).toString("base64")}`;
    const r = await fetch(`${info.url}/v2/shop/Web/manifests/v1`, { headers: { authorization: auth } });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ errors: [{ code: "NAME_INVALID" }] });
    const ok = await fetch(`${info.url}/v2/nosuch/web/manifests/v1`, { headers: { authorization: auth } });
    expect(ok.status).toBe(404);
  });
});
