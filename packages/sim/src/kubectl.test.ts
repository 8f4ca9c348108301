// Fidelity: the real kubectl binary against the simulator.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn, execFileSync } from "node:child_process";
import { testSim, type TestSim, until } from "./testing.js";

let sim: TestSim;
beforeAll(async () => {
  sim = await testSim({ nodes: 6 });
});
afterAll(() => sim.stop());

const deployment = (image: string, replicas = 3) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: kt
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 8080, name: http}]
        env: [{name: A, value: "1"}]
`;

async function ok(args: string[], input?: string) {
  const r = await sim.kubectl(args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

const hasKubectl = (() => {
  try {
    execFileSync("kubectl", ["version", "--client"]);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasKubectl)("kubectl", () => {
  it("get nodes / namespaces and describe node", async () => {
    const out = await ok(["get", "nodes"]);
    expect(out).toMatch(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    expect(out.trim().split("\n")).toHaveLength(7);
    expect(await ok(["get", "nodes", "-l", "zone=cicd", "-o", "name"])).toMatch(/^node\/dc1-c1-node-\d{3}\n$/);
    const d = await ok(["describe", "node", "dc1-c1-node-001"]);
    expect(d).toContain("Capacity:");
    expect(d).toContain("Ready            True");
    await ok(["create", "namespace", "kt"]);
    expect(await ok(["get", "ns"])).toContain("kt ");
  });

  it("create twice -> AlreadyExists, label, annotate, get -o jsonpath", async () => {
    await ok(["-n", "kt", "create", "configmap", "cfg", "--from-literal=a=b"]);
    const again = await sim.kubectl(["-n", "kt", "create", "configmap", "cfg", "--from-literal=a=b"]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('configmaps "cfg" already exists');
    await ok(["-n", "kt", "label", "configmap", "cfg", "team=blue"]);
    await ok(["-n", "kt", "annotate", "configmap", "cfg", "note=hello"]);
    expect(await ok(["-n", "kt", "get", "cm", "cfg", "-o", "jsonpath={.metadata.labels.team}/{.metadata.annotations.note}"])).toBe("blue/hello");
    const lbl = await sim.kubectl(["-n", "kt", "label", "configmap", "cfg", "team=red"]);
    expect(lbl.stderr).toContain("'team' already has a value (blue)");
  });

  it("stale update via kubectl replace -> Conflict", async () => {
    const cur = JSON.parse(await ok(["-n", "kt", "get", "cm", "cfg", "-o", "json"]));
    await ok(["-n", "kt", "label", "configmap", "cfg", "bump=1"]);
    cur.data.a = "stale";
    const r = await sim.kubectl(["replace", "-f", "-"], JSON.stringify(cur));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("the object has been modified");
  });

  it("apply client-side, then rollout status, set image, rollout undo", async () => {
    expect(await ok(["apply", "-f", "-"], deployment("nginx:1.25"))).toContain("deployment.apps/web created");
    expect(await ok(["apply", "-f", "-"], deployment("nginx:1.25"))).toContain("unchanged");
    expect(await ok(["-n", "kt", "rollout", "status", "deploy/web", "--timeout=20s"])).toContain("successfully rolled out");
    expect(await ok(["apply", "-f", "-"], deployment("nginx:1.26"))).toContain("configured");
    expect(await ok(["-n", "kt", "rollout", "status", "deploy/web", "--timeout=20s"])).toContain("successfully rolled out");
    expect(await ok(["-n", "kt", "get", "deploy", "web", "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"])).toBe("2");
    await ok(["-n", "kt", "rollout", "undo", "deploy/web"]);
    expect(await ok(["-n", "kt", "rollout", "status", "deploy/web", "--timeout=20s"])).toContain("successfully rolled out");
    expect(
      await ok([
        "-n",
        "kt",
        "get",
        "deploy",
        "web",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}",
      ]),
    ).toBe("nginx:1.25 3");
    const rs = await ok(["-n", "kt", "get", "rs", "-o", "name"]);
    expect(rs.trim().split("\n")).toHaveLength(2); // undo re-used the revision-1 ReplicaSet
  });

  it("scale, get pods, describe pod, logs", async () => {
    await ok(["-n", "kt", "scale", "deploy/web", "--replicas=4"]);
    await until(async () => (await ok(["-n", "kt", "get", "deploy", "web", "-o", "jsonpath={.status.readyReplicas}"])) === "4", 10_000, "4 ready");
    const pods = await ok(["-n", "kt", "get", "pods", "-o", "wide"]);
    expect(pods.match(/Running/g)).toHaveLength(4);
    const name = await ok(["-n", "kt", "get", "pods", "-o", "jsonpath={.items[0].metadata.name}"]);
    const d = await ok(["-n", "kt", "describe", "pod", name]);
    expect(d).toContain("Successfully assigned kt/");
    expect(d).toContain("Controlled By:  ReplicaSet/web-");
    const logs = await ok(["-n", "kt", "logs", name, "--tail=2"]);
    expect(logs.trim().split("\n")).toHaveLength(2);
    expect(await ok(["-n", "kt", "logs", name])).toContain(`starting web (image nginx:1.25) in pod ${name}`);
  });

  it("apply --server-side, and conflicts with another manager", async () => {
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: kt\ndata:\n  k: v1\n";
    expect(await ok(["apply", "--server-side", "-f", "-"], cm)).toContain("serverside-applied");
    const r = await sim.kubectl(["apply", "--server-side", "--field-manager", "other", "-f", "-"], cm.replace("k: v1", "k: v2"));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/conflict/i);
    await ok(["apply", "--server-side", "--field-manager", "other", "--force-conflicts", "-f", "-"], cm.replace("k: v1", "k: v2"));
    expect(await ok(["-n", "kt", "get", "cm", "ssa", "-o", "jsonpath={.data.k}"])).toBe("v2");
    expect(
      await ok(["apply", "--server-side", "-f", "-"], deployment("nginx:1.25", 2).replace("namespace: kt", 'namespace: kt\n  annotations: {x: "z"}')),
    ).toContain("serverside-applied");
  });

  it("cordon, taint, drain", async () => {
    const node = await ok(["-n", "kt", "get", "pods", "-o", "jsonpath={.items[0].spec.nodeName}"]);
    await ok(["cordon", node]);
    expect(await ok(["get", "node", node])).toContain("SchedulingDisabled");
    await ok(["taint", "nodes", node, "maint=true:NoSchedule"]);
    expect(await ok(["get", "node", node, "-o", "jsonpath={.spec.taints[0].key}"])).toBe("maint");
    const out = await ok(["drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=20s"]);
    expect(out).toContain("drained");
    await until(async () => !(await ok(["-n", "kt", "get", "pods", "-o", "wide"])).includes(node), 10_000, "pods moved off the node");
    await ok(["uncordon", node]);
    await ok(["taint", "nodes", node, "maint-"]);
  });

  it("kubectl drain refuses a bare pod without --force and DaemonSet pods without --ignore-daemonsets, evicting nothing", async () => {
    const node = await ok(["get", "nodes", "-o", "jsonpath={.items[1].metadata.name}"]);
    await ok(
      ["apply", "-f", "-"],
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: kt}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {tolerations: [{operator: Exists}], containers: [{name: c, image: busybox}]}\n`,
    );
    await ok(["-n", "kt", "run", "bare", "--image=busybox", `--overrides={"spec":{"nodeName":"${node}"}}`]);
    await until(
      async () => (await ok(["-n", "kt", "get", "pods", "-o", "wide", "--field-selector", `spec.nodeName=${node}`])).includes("agent-"),
      10_000,
      "the daemon pod on the node",
    );
    const refused = await sim.kubectl(["drain", node, "--timeout=10s"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("cannot delete Pods that declare no controller (use --force to override): kt/bare");
    expect(refused.stderr).toContain("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)");
    expect(await ok(["-n", "kt", "get", "pod", "bare", "-o", "jsonpath={.metadata.name}"])).toBe("bare");
    expect(await ok(["drain", node, "--force", "--ignore-daemonsets", "--timeout=20s"])).toContain("drained");
    expect((await sim.kubectl(["-n", "kt", "get", "pod", "bare"])).code).not.toBe(0);
    await ok(["uncordon", node]);
    await ok(["-n", "kt", "delete", "daemonset", "agent"]);
  });

  it("get -w streams changes", async () => {
    const p = spawn("kubectl", ["--kubeconfig", sim.kubeconfig, "--cache-dir", `${sim.dir}/cache`, "-n", "kt", "get", "cm", "-w", "--output-watch-events"]);
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    await until(() => out.includes("cfg"), 10_000, "initial list");
    await ok(["-n", "kt", "create", "configmap", "watched"]);
    await until(() => /ADDED\s+watched/.test(out), 10_000, "ADDED event");
    p.kill();
  });

  it("delete namespace removes everything in it", async () => {
    await ok(["delete", "namespace", "kt", "--wait=true", "--timeout=20s"]);
    const store = sim.clusters[0].store;
    expect(store.objects("pods", "kt")).toHaveLength(0);
    expect(store.objects("apps/replicasets", "kt")).toHaveLength(0);
    expect(store.get("namespaces", "", "kt")).toBeUndefined();
  });
});
