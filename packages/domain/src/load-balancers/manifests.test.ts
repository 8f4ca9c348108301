// A balancer's objects are valid against the official Kubernetes schemas, and say what the data plane needs:
// the configuration mounted where each program reads it, the pod IP from the downward API, the LB pods selected
// apart from the application's group pods.
import { ConfigMap, Service } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { describe, expect, it } from "vitest";
import { LABEL, type Manifest } from "../manifests";
import { DATA_PLANE_CONFIG_DIR, DATA_PLANE_IMAGES, LB_KIND_ANNOTATION, LB_LABEL } from "./data-plane";
import { type LoadBalancerManifestInput, loadBalancerManifests, nginxReloaderScript } from "./manifests";

const MODELS: Record<string, new (m: never) => { validate(): void }> = { ConfigMap, Service, Deployment };
const validate = (m: Manifest) => new MODELS[m.kind]!(m as never).validate();

const base: LoadBalancerManifestInput = {
  system: "shop",
  application: "storefront",
  name: "front",
  kind: "haproxy",
  replicas: 2,
  port: 80,
  config: { file: "haproxy.cfg", text: "global\n  setenv CAPSTAN_CONFIG_HASH abc\n", hash: "abc" },
  serviceType: "ClusterIP",
};

type Pod = {
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
  spec: {
    containers: {
      image: string;
      command: string[];
      args?: string[];
      env: unknown[];
      volumeMounts: { mountPath: string }[];
      readinessProbe: unknown;
      resources: unknown;
    }[];
    volumes: { configMap: { name: string } }[];
  };
};
const byKind = (m: Manifest[], kind: string) => m.find((x) => x.kind === kind)!;
const template = (m: Manifest[]) => (byKind(m, "Deployment") as unknown as { spec: { template: Pod } }).spec.template;

describe("a load balancer's manifests", () => {
  it("are valid Kubernetes objects for both kinds and both Service types", () => {
    for (const kind of ["haproxy", "nginx"] as const)
      for (const serviceType of ["ClusterIP", "LoadBalancer"] as const) {
        const m = loadBalancerManifests({ ...base, kind, serviceType, config: { ...base.config, file: kind === "haproxy" ? "haproxy.cfg" : "nginx.conf" } });
        expect(m.map((x) => `${x.kind}/${x.metadata.name}`)).toEqual(["ConfigMap/lb-front", "Deployment/lb-front", "Service/lb-front"]);
        m.forEach(validate);
      }
  });

  it("a validation that can fail: a broken Deployment is refused", () => {
    const d = byKind(loadBalancerManifests(base), "Deployment");
    expect(() => validate({ ...d, spec: { replicas: "two" } })).toThrow();
  });

  it("hold the rendered file in the ConfigMap, mounted where the kind reads it", () => {
    const m = loadBalancerManifests(base);
    expect(byKind(m, "ConfigMap")).toMatchObject({ data: { "haproxy.cfg": base.config.text }, metadata: { namespace: "shop" } });
    const pod = template(m);
    expect(pod.spec.volumes).toEqual([{ name: "config", configMap: { name: "lb-front" } }]);
    expect(pod.spec.containers[0]!.volumeMounts).toEqual([{ name: "config", mountPath: DATA_PLANE_CONFIG_DIR.haproxy, readOnly: true }]);
    const nginx = template(loadBalancerManifests({ ...base, kind: "nginx", config: { ...base.config, file: "nginx.conf" } }));
    expect(nginx.spec.containers[0]!.volumeMounts[0]!.mountPath).toBe(DATA_PLANE_CONFIG_DIR.nginx);
  });

  it("run haproxy in master-worker mode with its master CLI on the pod IP, from the official image", () => {
    const c = template(loadBalancerManifests(base)).spec.containers[0]!;
    expect(c.image).toBe(DATA_PLANE_IMAGES.haproxy);
    expect([...c.command, ...c.args!]).toEqual(["haproxy", "-W", "-db", "-S", "ipv4@$(POD_IP):9998", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]);
    expect(c.env).toEqual([{ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }]);
    expect(c.readinessProbe).toMatchObject({ tcpSocket: { port: 80 } });
    expect(c.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "200m", memory: "128Mi" } });
  });

  it("run nginx beside a reloader that reloads it when the mounted file changes", () => {
    const c = template(loadBalancerManifests({ ...base, kind: "nginx", config: { ...base.config, file: "nginx.conf" } })).spec.containers[0]!;
    expect(c.image).toBe(DATA_PLANE_IMAGES.nginx);
    expect(c.command).toEqual(["sh", "-c", nginxReloaderScript()]);
    expect(nginxReloaderScript()).toContain(`-c "$conf" -g "$g" -s reload`);
    expect(nginxReloaderScript()).toContain("conf=/etc/nginx/capstan/nginx.conf;");
  });

  it("select the LB pods apart from the application's groups, and mark their kind for the kubelet", () => {
    const m = loadBalancerManifests(base);
    const pod = template(m);
    expect(pod.metadata.labels).toMatchObject({ [LB_LABEL]: "front", [LABEL.application]: "storefront", [LABEL.system]: "shop" });
    expect(pod.metadata.labels[LABEL.group]).toBeUndefined();
    expect(pod.metadata.annotations).toEqual({ [LB_KIND_ANNOTATION]: "haproxy" });
    const selector = { [LABEL.application]: "storefront", [LB_LABEL]: "front" };
    expect(byKind(m, "Service").spec).toEqual({ type: "ClusterIP", selector, ports: [{ name: "lb", port: 80, targetPort: "lb", protocol: "TCP" }] });
    expect((byKind(m, "Deployment").spec as { strategy: unknown }).strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
  });

  it("keep the configuration's hash off the pod template, so a change of weight replaces no pod", () => {
    const a = template(loadBalancerManifests(base));
    const b = template(loadBalancerManifests({ ...base, config: { ...base.config, text: "changed", hash: "def" } }));
    expect(b).toEqual(a);
  });
});
