// Pod logs as kubectl reads them: -f, --tail, --previous, --timestamps, --since-time, --limit-bytes, and
// the API server's refusals (multi-container pod without a container, unknown pod, no previous container).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn, execFileSync } from "node:child_process";
import { testSim, type TestSim, until, raw } from "./testing.js";
import type { Pod } from "./k8s/objects.js";

let sim: TestSim;
const ok = async (args: string[], input?: string) => {
  const r = await sim.kubectl(args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};
const hasKubectl = (() => {
  try {
    execFileSync("kubectl", ["version", "--client"]);
    return true;
  } catch {
    return false;
  }
})();
const RFC3339_NANO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /;
const pod = (name: string) => sim.clusters[0].store.get("pods", "lg", name) as Pod | undefined;

beforeAll(async () => {
  sim = await testSim({ nodes: 2, logLinesPerSecond: 20 });
  if (!hasKubectl) return;
  await ok(["create", "namespace", "lg"]);
  await ok(
    ["apply", "-f", "-"],
    [
      "apiVersion: v1\nkind: Pod\nmetadata: {name: one, namespace: lg, labels: {app: one}}\nspec:\n  containers:\n  - {name: web, image: nginx:1.25}\n",
      "---\napiVersion: v1\nkind: Pod\nmetadata: {name: two, namespace: lg}\nspec:\n  containers:\n  - {name: web, image: nginx:1.25}\n  - {name: side, image: busybox:1.36}\n",
    ].join(""),
  );
  await until(() => pod("one")?.status?.phase === "Running" && pod("two")?.status?.phase === "Running", 10_000, "pods running");
});
afterAll(() => sim.stop());

describe.skipIf(!hasKubectl)("kubectl logs against the simulated kubelet", () => {
  it("prints realistic lines; --tail and --timestamps (RFC 3339 with nanoseconds, in order)", async () => {
    await new Promise((r) => setTimeout(r, 300));
    const all = (await ok(["-n", "lg", "logs", "one"])).trim().split("\n");
    expect(all[0]).toContain("starting web (image nginx:1.25) in pod one");
    expect(all.length).toBeGreaterThan(3);
    expect(all.slice(3).every((l) => /HTTP\/1\.1" \d{3}|INFO|WARN|ERROR/.test(l))).toBe(true);
    const tail = (await ok(["-n", "lg", "logs", "one", "--tail=2", "--timestamps"])).trim().split("\n");
    expect(tail).toHaveLength(2);
    expect(tail.every((l) => RFC3339_NANO.test(l))).toBe(true);
    expect(tail[0]!.slice(0, 30) < tail[1]!.slice(0, 30)).toBe(true);
  });

  it("-f streams new lines as they are printed", async () => {
    const p = spawn("kubectl", [
      "--kubeconfig",
      sim.kubeconfig,
      "--cache-dir",
      `${sim.dir}/cache`,
      "-n",
      "lg",
      "logs",
      "-f",
      "--tail=0",
      "--timestamps",
      "one",
    ]);
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    try {
      const opened = Date.now();
      await until(() => out.split("\n").length > 3, 5000, "followed lines");
      expect(Date.now() - opened).toBeLessThan(3000);
      // every line followed was printed after the stream opened (tail=0)
      const first = Date.parse(out.split(" ")[0]!);
      expect(first).toBeGreaterThanOrEqual(opened - 1000);
    } finally {
      p.kill();
    }
  });

  it("--since-time and --limit-bytes", async () => {
    const since = new Date(Date.now() - 200).toISOString();
    const lines = (await ok(["-n", "lg", "logs", "one", "--timestamps", `--since-time=${since}`])).trim().split("\n");
    // kubectl sends sinceTime in whole seconds (metav1.Time)
    const sinceSecond = Math.floor(Date.parse(since) / 1000) * 1000;
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => Date.parse(l.slice(0, 30)) >= sinceSecond)).toBe(true);
    const all = (await ok(["-n", "lg", "logs", "one", "--timestamps"])).trim().split("\n");
    expect(all.length).toBeGreaterThan(lines.length);
    expect(await ok(["-n", "lg", "logs", "one", "--limit-bytes=10"])).toHaveLength(10);
  });

  it("a pod of several containers needs -c; unknown pods and containers are refused as the API server does", async () => {
    const r = await sim.kubectl(["-n", "lg", "logs", "two", "--all-containers=false", "--prefix=false"]);
    // kubectl picks the first container itself (with a notice); the API refuses a request without one
    expect(r.stdout).toContain("starting web");
    const c = sim.clusters[0];
    const bare = await raw(c, "/api/v1/namespaces/lg/pods/two/log");
    expect(bare.status).toBe(400);
    expect(bare.json().message).toBe("a container name must be specified for pod two, choose one of: [web side]");
    expect(await ok(["-n", "lg", "logs", "two", "-c", "side", "--tail=3"])).toMatch(/\n.*\n.*\n$/);
    const bad = await sim.kubectl(["-n", "lg", "logs", "two", "-c", "nope"]);
    expect(bad.stderr).toContain("container nope is not valid for pod two");
    const gone = await sim.kubectl(["-n", "lg", "logs", "ghost"]);
    expect(gone.stderr).toContain('pods "ghost" not found');
    const invalid = await raw(c, "/api/v1/namespaces/lg/pods/one/log?tailLines=-1");
    expect(invalid.status).toBe(422);
    expect(invalid.json().message).toContain("tailLines: Invalid value: -1: must be greater than or equal to 0");
  });

  it("--previous: not found before a restart, the earlier container's lines after it, and they do not grow", async () => {
    const before = await sim.kubectl(["-n", "lg", "logs", "one", "--previous"]);
    expect(before.code).not.toBe(0);
    expect(before.stderr).toContain('previous terminated container "web" in pod "one" not found');
    const firstRun = (await ok(["-n", "lg", "logs", "one", "--timestamps"])).trim().split("\n");
    // crash at the start of a second, and read at once: the status says when it ended in whole seconds only
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
    sim.faults.crashLoop(sim.clusters[0].name, "lg", "app=one");
    // it crashed at once; cleared now, it restarts after its back-off and does not crash again
    sim.faults.clear(sim.clusters[0].name);
    const previous = (await ok(["-n", "lg", "logs", "one", "--previous", "--timestamps"])).trim().split("\n");
    // the same container run: what was printed before the crash is still there, and it ended
    expect(previous.slice(0, firstRun.length)).toEqual(firstRun);
    await until(() => pod("one")?.status?.containerStatuses?.[0]?.state?.running, 5000, "restarted");
    // and it stays so once the second it ended in has passed
    const finishedAt = Date.parse(pod("one")!.status!.containerStatuses![0]!.lastState!.terminated!.finishedAt!);
    await new Promise((r) => setTimeout(r, Math.max(0, finishedAt + 1100 - Date.now())));
    const again = await ok(["-n", "lg", "logs", "one", "--previous", "--timestamps"]);
    expect(again.trim().split("\n")).toEqual(previous);
    const current = await ok(["-n", "lg", "logs", "one"]);
    expect(current.split("\n")[0]).toContain("starting web");
    expect(current).not.toEqual(previous.join("\n"));
  });
});
