// More kubectl workflows: get all, describe deployment, wait, rollout restart/history, logs -f, events, Service apply.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn, execFileSync } from "node:child_process";
import { testSim, type TestSim, until } from "./testing.js";

let sim: TestSim;
const ok = async (args: string[], input?: string) => {
  const r = await sim.kubectl(args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};
beforeAll(async () => {
  sim = await testSim({ nodes: 4 });
  if (hasKubectl) await ok(["create", "deployment", "api", "--image=nginx:1.25", "--replicas=2", "--port=80"]);
});
afterAll(() => sim.stop());

const hasKubectl = (() => {
  try {
    execFileSync("kubectl", ["version", "--client"]);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasKubectl)("kubectl workflows", () => {
  it("wait, get all, describe deployment, get events", async () => {
    await ok(["wait", "--for=condition=Available", "deployment/api", "--timeout=20s"]);
    const all = await ok(["get", "all"]);
    expect(all).toContain("deployment.apps/api");
    expect(all).toContain("replicaset.apps/api-");
    expect(all).toContain("service/kubernetes");
    const d = await ok(["describe", "deployment", "api"]);
    expect(d).toMatch(/Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable/);
    expect(d).toContain("ScalingReplicaSet");
    expect(await ok(["get", "events"])).toContain("Scheduled");
  });

  it("rollout restart creates a new revision; history lists it", async () => {
    await ok(["rollout", "restart", "deployment/api"]);
    await ok(["rollout", "status", "deployment/api", "--timeout=20s"]);
    const h = await ok(["rollout", "history", "deployment/api"]);
    expect(h).toMatch(/1\s+<none>\n2\s+<none>/);
  });

  it("apply a Service twice (ports merged by port), endpoints follow", async () => {
    const svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector: {app: api}\n  ports:\n  - {name: http, port: 80, targetPort: 80}\n";
    await ok(["apply", "-f", "-"], svc);
    await ok(["apply", "-f", "-"], svc.replace("targetPort: 80}", "targetPort: 80}\n  - {name: alt, port: 81, targetPort: 80}"));
    expect(await ok(["get", "svc", "api", "-o", "jsonpath={.spec.ports[*].port}"])).toBe("80 81");
    await until(
      async () => (await ok(["get", "endpoints", "api", "-o", "jsonpath={.subsets[0].addresses[*].ip}"])).split(" ").length === 2,
      10_000,
      "endpoints",
    );
  });

  it("logs -f streams until stopped; dry-run create does not persist", async () => {
    const pod = await ok(["get", "pods", "-l", "app=api", "-o", "jsonpath={.items[0].metadata.name}"]);
    const p = spawn("kubectl", ["--kubeconfig", sim.kubeconfig, "--cache-dir", `${sim.dir}/cache`, "logs", "-f", pod]);
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    await until(() => out.split("\n").length > 3, 10_000, "log lines");
    p.kill();
    await ok(["create", "configmap", "dry", "--dry-run=server", "--from-literal=a=b"]);
    expect((await sim.kubectl(["get", "cm", "dry"])).code).not.toBe(0);
  });

  it("a stuck rollout (image missing from the sim registry) hits its progress deadline", async () => {
    const reg = new URL(sim.dataCentres[0].registryInfo.url).host;
    await ok(["create", "deployment", "stuck", `--image=${reg}/library/missing:1`]);
    await ok(["patch", "deployment", "stuck", "-p", '{"spec":{"progressDeadlineSeconds":1}}']);
    const r = await sim.kubectl(["rollout", "status", "deployment/stuck", "--timeout=20s"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("exceeded its progress deadline");
    expect(await ok(["get", "pods", "-l", "app=stuck"])).toMatch(/ErrImagePull|ImagePullBackOff/);
  });

  it("invalid objects are rejected with the server message", async () => {
    const r = await sim.kubectl(["create", "deployment", "Bad_Name", "--image=nginx"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("a lowercase RFC 1123 subdomain must consist of");
  });
});
