// deploy/ keeps its promises in every overlay: `kubectl kustomize` renders each (found by listing
// deploy/overlays), and promiseBreaches (promises.ts) finds nothing in what it renders; a copy broken on purpose
// shows the check names each breach.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { meta } from "../apps/portal/lib/contract";
import { overlays, render } from "./overlays";
import { type Expectations, type K8sObject, parseObjects, promiseBreaches } from "./promises";

const deploy = import.meta.dirname;

/** The image's UID (the Dockerfile's USER) and commands (its entry point's `case` labels). */
function expectations(): Expectations {
  const dockerfile = fs.readFileSync(path.join(deploy, "../Dockerfile"), "utf8");
  const user = /^USER\s+(\d+)(?::(\d+))?\s*$/m.exec(dockerfile);
  if (!user) throw new Error("the Dockerfile names no numeric USER");
  const entry = fs.readFileSync(path.join(deploy, "image/capstan"), "utf8");
  const commands = [...entry.matchAll(/^\s+([a-z][a-z-]*)\)/gm)].map((m) => m[1]!);
  return { uid: Number(user[1]), commands, portal: { readiness: `/api/v1${meta.health.path}`, liveness: `/api/v1${meta.live.path}` } };
}

describe("deploy/ overlays", () => {
  it("are at least two, and the image's commands and UID are read", () => {
    expect(overlays.length).toBeGreaterThanOrEqual(2);
    const e = expectations();
    expect(e.uid).toBe(10001);
    expect(e.commands).toEqual(["portal", "worker", "gateway", "migrate", "wait-for-migrations"]);
  });

  it.each(overlays)("%s renders and keeps every promise", (overlay) => {
    const objects = parseObjects(render(overlay));
    expect(objects.length).toBeGreaterThan(10);
    expect(promiseBreaches(objects, expectations())).toEqual([]);
    // one namespace, named by the overlay, for every object
    const namespaces = new Set(objects.map((o) => o.metadata.namespace));
    expect(namespaces.size).toBe(1);
    expect([...namespaces][0]).toMatch(/^capstan/);
  });

  it("the overlays differ in what they are for: namespace, replicas or resources, and host names", () => {
    const rendered = overlays.map((o) => parseObjects(render(o)));
    const fingerprint = (objects: K8sObject[]) =>
      JSON.stringify({
        ns: objects[0]!.metadata.namespace,
        deployments: objects
          .filter((o) => o.kind === "Deployment")
          .map((o) => [(o.spec as { replicas?: number }).replicas, JSON.stringify(o.spec).match(/"resources":\{[^]*?\}\}/)?.[0]]),
        hosts: objects.filter((o) => o.kind === "Ingress").map((o) => (o.spec as { rules: { host: string }[] }).rules.map((r) => r.host)),
      });
    expect(new Set(rendered.map(fingerprint)).size).toBe(overlays.length);
    // the portal's public address and the gateway's follow the Ingress hosts
    for (const objects of rendered) {
      const hosts = objects.filter((o) => o.kind === "Ingress").flatMap((o) => (o.spec as { rules: { host: string }[] }).rules.map((r) => r.host));
      const config = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("capstan-config"))!.data as Record<string, string>;
      expect(hosts).toContain(new URL(config.CAPSTAN_PUBLIC_URL!).host);
      expect(hosts).toContain(new URL(config.CAPSTAN_GATEWAY_URL!).host);
    }
  });

  it("names each breach in a copy broken on purpose", () => {
    const objects = parseObjects(render(overlays[0]!));
    const e = expectations();
    const edit = (fn: (objects: K8sObject[]) => void) => {
      const copy = structuredClone(objects);
      fn(copy);
      return promiseBreaches(copy, e);
    };
    type Pod = { spec: { template: { spec: Record<string, any> } } }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const deployment = (o: K8sObject[], name: string) => o.find((x) => x.kind === "Deployment" && x.metadata.name === name) as unknown as Pod & K8sObject;
    expect(edit((o) => ((deployment(o, "capstan-portal").spec as unknown as { replicas: number }).replicas = 1))).toEqual([
      "capstan-portal has 1 replica(s), fewer than 2",
      "PodDisruptionBudget capstan-portal must let one of capstan-portal's pods go and keep at least one",
    ]);
    expect(
      edit((o) =>
        o.splice(
          o.findIndex((x) => x.kind === "PodDisruptionBudget" && x.metadata.name === "capstan-worker"),
          1,
        ),
      ),
    ).toEqual(["no PodDisruptionBudget selects capstan-worker's pods"]);
    expect(edit((o) => (deployment(o, "capstan-worker").spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem = false))).toEqual([
      "Deployment capstan-worker container wait-for-migrations: readOnlyRootFilesystem is not true",
    ]);
    expect(edit((o) => delete deployment(o, "capstan-gateway").spec.template.spec.containers[0].resources.limits)).toEqual([
      "Deployment capstan-gateway container gateway: no cpu limit",
      "Deployment capstan-gateway container gateway: no memory limit",
    ]);
    expect(
      edit((o) => {
        const env = deployment(o, "capstan-portal").spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: unknown }[];
        Object.assign(env.find((v) => v.name === "AUTH_SECRET")!, { value: "x".repeat(40), valueFrom: undefined });
        o.push({ apiVersion: "v1", kind: "Secret", metadata: { name: "capstan" }, stringData: { DATABASE_URL: "postgresql://u:p@db/capstan" } });
      }),
    ).toEqual([
      "Secret capstan is rendered: secrets are created by the operator, not kept in deploy/",
      "Deployment capstan-portal container portal: AUTH_SECRET is not read from a Secret by reference",
    ]);
    expect(edit((o) => (deployment(o, "capstan-portal").spec.template.spec.containers[0].livenessProbe.httpGet.path = e.portal.readiness))).toEqual([
      `capstan-portal's liveness probe asks ${e.portal.readiness}, not ${e.portal.liveness}`,
    ]);
    expect(edit((o) => (deployment(o, "capstan-worker").spec.template.spec.securityContext.runAsUser = 0))).toEqual([]); // containers set their own
    expect(edit((o) => (deployment(o, "capstan-worker").spec.template.spec.containers[0].securityContext.runAsUser = 0))).toEqual([
      "Deployment capstan-worker container worker: runAsUser is 0, not the image's 10001",
    ]);
    expect(
      edit((o) =>
        o.splice(
          o.findIndex((x) => x.kind === "Job"),
          1,
        ),
      ),
    ).toEqual(["no Job runs the migrations"]);
    expect(
      edit((o) =>
        o.push({
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: "open-worker" },
          spec: { podSelector: { matchLabels: { "app.kubernetes.io/component": "worker" } }, ingress: [{}] },
        }),
      ),
    ).toEqual(["a NetworkPolicy opens worker pods on every port, not only 9464"]);
  });
});
