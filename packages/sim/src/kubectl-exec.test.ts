// `kubectl exec` against the simulator: WebSocket v5 as kubectl 1.31+ speaks it (exec.ts), the simulated shell
// (shell.ts) run once and interactively, exit statuses, a TTY through a real pseudo-terminal (script(1)), and
// the v4 fallback through @kubernetes/client-node's Exec.
import { execFile, execFileSync } from "node:child_process";
import * as k8s from "@kubernetes/client-node";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSim, type TestSim, until } from "./testing.js";

let sim: TestSim;
let pod: string;
const has = (cmd: string, args: string[]) => {
  try {
    execFileSync(cmd, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const hasKubectl = has("kubectl", ["version", "--client"]);

beforeAll(async () => {
  sim = await testSim({ nodes: 2 });
  const core = sim.kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespacedPod({
    namespace: "default",
    body: {
      metadata: { name: "web-0" },
      spec: {
        containers: [
          { name: "app", image: "nginx:1.25", env: [{ name: "GREETING", value: "hello there" }] },
          { name: "side", image: "busybox" },
        ],
      },
    },
  });
  pod = "web-0";
  await until(async () => (await core.readNamespacedPod({ namespace: "default", name: pod })).status?.phase === "Running", 15_000, "pod running");
});
afterAll(() => sim?.stop());

describe.skipIf(!hasKubectl)("kubectl exec", () => {
  it("runs hostname and prints the pod's name", async () => {
    const r = await sim.kubectl(["exec", pod, "-c", "app", "--", "hostname"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`${pod}\n`);
    expect(r.code).toBe(0);
  });

  it("reports a command's non-zero exit status and its stderr", async () => {
    const r = await sim.kubectl(["exec", pod, "-c", "side", "--", "cat", "/nope"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cat: can't open '/nope': No such file or directory");
    expect(r.stderr).toContain("command terminated with exit code 1");
  });

  it("an interactive shell reads stdin until exit (kubectl exec -i … -- sh)", async () => {
    const r = await sim.kubectl(["exec", "-i", pod, "--", "sh"], 'echo "$GREETING" from $HOSTNAME\ncat /etc/hostname\nexit 3\n');
    expect(r.stdout).toContain(`hello there from ${pod}\n${pod}\n`);
    expect(r.code).toBe(3);
  });

  it("end of stdin ends the shell (v5 close of stdin)", async () => {
    const r = await sim.kubectl(["exec", "-i", pod, "--", "sh"], "ls /etc\n");
    expect(r.stdout).toContain("hostname  hosts  os-release  resolv.conf");
    expect(r.code).toBe(0);
  });

  it.skipIf(!has("script", ["--version"]))("kubectl exec -it runs a shell on a terminal", async () => {
    // script(1) gives kubectl a pseudo-terminal, so it asks for a TTY and puts the terminal in raw mode.
    const cmd = `kubectl --kubeconfig ${sim.kubeconfig} --cache-dir ${sim.dir}/cache exec -it ${pod} -- sh`;
    const out = await new Promise<string>((resolve, reject) => {
      const p = execFile("script", ["-qec", cmd, "/dev/null"], { timeout: 20_000 }, (err, stdout) =>
        err ? reject(new Error(`${err.message}\n${stdout}`)) : resolve(stdout),
      );
      let sent = false;
      p.stdout!.on("data", (d: Buffer) => {
        if (!sent && d.toString().includes("/ # ")) {
          sent = true;
          p.stdin!.write("hostname\r");
          setTimeout(() => p.stdin!.write("exit\r"), 300);
        }
      });
    });
    expect(out).toContain("Capstan simulated shell");
    expect(out).toContain(`hostname\r\n${pod}\r\n/ # `);
  });
});

describe("exec over the v4 protocol", () => {
  it("runs hostname and ends with a Success status on channel 3", async () => {
    const opts = {};
    await sim.kc.applyToHTTPSOptions(opts);
    const server = sim.kc.getCurrentCluster()!.server.replace(/^https/, "wss");
    const ws = new WebSocket(`${server}/api/v1/namespaces/default/pods/${pod}/exec?command=hostname&stdout=true&stderr=true`, ["v4.channel.k8s.io"], opts);
    const frames: [number, string][] = [];
    ws.on("message", (d: Buffer) => frames.push([d[0]!, d.subarray(1).toString()]));
    await new Promise((resolve) => ws.on("close", resolve));
    expect(ws.protocol).toBe("v4.channel.k8s.io");
    expect(frames).toEqual([
      [1, `${pod}\n`],
      [3, JSON.stringify({ metadata: {}, status: "Success" })],
    ]);
  });

  it("refuses an upgrade that offers neither v5 nor v4, and a pod that does not exist", async () => {
    const opts = {};
    await sim.kc.applyToHTTPSOptions(opts);
    const server = sim.kc.getCurrentCluster()!.server.replace(/^https/, "wss");
    const tryOpen = (path: string, protocols: string[]) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${server}${path}`, protocols, opts);
        ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.on("open", () => resolve(101));
        ws.on("error", () => undefined);
      });
    expect(await tryOpen(`/api/v1/namespaces/default/pods/${pod}/exec?command=hostname&stdout=true`, ["channel.k8s.io"])).toBe(400);
    expect(await tryOpen(`/api/v1/namespaces/default/pods/nope/exec?command=hostname&stdout=true`, ["v5.channel.k8s.io"])).toBe(404);
    expect(await tryOpen(`/api/v1/namespaces/default/pods/${pod}/exec?command=hostname&stdout=true`, ["v5.channel.k8s.io"])).toBe(101);
  });
});
