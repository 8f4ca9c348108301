// LB pods on the loopback pod network run the real haproxy and nginx, bound to the pod IP, with the
// ConfigMap mounted: they proxy to ordinary pods, see a changed ConfigMap (haproxy after a master-CLI
// reload, nginx by itself), die with their pod, and leave no process behind when the simulator stops.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSim, until, raw, type TestSim } from "../testing.js";
import type { Pod } from "../k8s/objects.js";
import { cli, podGet, processGroup, refusal } from "../network/testing.js";
import { bindToPodIp, expand, LB_KIND_ANNOTATION } from "./data-plane.js";

let sim: TestSim;
const NS = "shop";
let backends: string[] = [];
const pids: number[] = [];

const store = () => sim.clusters[0].store;
const running = (name: string) =>
  until(
    () => {
      const p: Pod | undefined = store().get("pods", NS, name);
      return p?.status?.phase === "Running" && p;
    },
    5000,
    `${name} running`,
  );

beforeAll(async () => {
  sim = await testSim({ nodes: 2, podNetwork: "loopback" });
  store().create("namespaces", { metadata: { name: NS } });
  for (const name of ["web-a", "web-b"])
    store().create("pods", {
      metadata: { name, namespace: NS, labels: { "capstan.io/group": name } },
      spec: { containers: [{ name: "app", image: "web:1", ports: [{ containerPort: 8080 }] }] },
    });
  backends = await Promise.all(["web-a", "web-b"].map(async (n) => (await running(n)).status!.podIP!));
  for (const ip of backends) await until(() => podGet(ip, 8080));
}, 30_000);
afterAll(async () => {
  await sim?.stop();
});

/** An LB pod as Capstan's Deployment makes it: the kind annotation, the ConfigMap at its config dir, POD_IP from the downward API. */
async function lbPod(name: string, kind: "haproxy" | "nginx", configMap: string) {
  const dir = kind === "haproxy" ? "/usr/local/etc/haproxy" : "/etc/nginx/capstan";
  store().create("pods", {
    metadata: { name, namespace: NS, annotations: { [LB_KIND_ANNOTATION]: kind } },
    spec: {
      containers: [
        {
          name: kind,
          image: kind === "haproxy" ? "haproxy:2.6" : "nginx:1.22",
          ports: [{ containerPort: 8000 }],
          env: [{ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }],
          volumeMounts: [{ name: "config", mountPath: dir }],
        },
      ],
      volumes: [{ name: "config", configMap: { name: configMap } }],
    },
  });
  const p = await running(name);
  const plane = await until(() => sim.clusters[0].kubelet.dataPlane(p.metadata.uid!), 5000, `${name}'s process`);
  pids.push(plane.pid);
  return { ip: p.status!.podIP!, pid: plane.pid, uid: p.metadata.uid! };
}

const haproxyCfg = (servers: string[]) =>
  [
    "global",
    '  stats socket "ipv4@${POD_IP}:9999" level admin',
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 10s",
    "  timeout server 10s",
    "frontend fe",
    "  bind :8000",
    "  default_backend be",
    "backend be",
    "  balance roundrobin",
    ...servers.map((ip, i) => `  server s${i} ${ip}:8080`),
    "",
  ].join("\n");
const nginxConf = (servers: string[]) =>
  [
    "events {}",
    "http {",
    `  upstream be { ${servers.map((ip) => `server ${ip}:8080;`).join(" ")} }`,
    "  server { listen 8000; location / { proxy_pass http://be; } }",
    "}",
    "",
  ].join("\n");

/** The pods that answered `n` requests through the balancer at ip:8000. */
async function spread(ip: string, n = 10) {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = await podGet(ip, 8000);
    expect(r.status).toBe(200);
    seen.add(JSON.parse(r.body).pod);
  }
  return [...seen].sort();
}

function setConfig(name: string, file: string, text: string) {
  const cur = store().get("configmaps", NS, name);
  if (cur) store().update("configmaps", { ...cur, data: { [file]: text } });
  else store().create("configmaps", { metadata: { name, namespace: NS }, data: { [file]: text } });
}

describe("load-balancer pods", () => {
  it("haproxy proxies to two pods; a changed ConfigMap takes effect after a master-CLI reload", async () => {
    setConfig("lb-h", "haproxy.cfg", haproxyCfg(backends));
    const lb = await lbPod("lb-h-1", "haproxy", "lb-h");
    expect(await until(() => spread(lb.ip), 10_000, "haproxy answering")).toEqual(["web-a", "web-b"]);
    // the runtime API is reachable on the pod IP
    expect(await cli(lb.ip, 9999, "show servers state be")).toContain("s1");
    setConfig("lb-h", "haproxy.cfg", haproxyCfg([backends[0]!]));
    expect(await spread(lb.ip)).toEqual(["web-a", "web-b"]); // no reload yet
    await cli(lb.ip, 9998, "reload");
    expect(await until(async () => (await spread(lb.ip)).join() === "web-a", 10_000, "haproxy reloaded")).toBe(true);
    expect(await sim.kubectl(["logs", "-n", NS, "lb-h-1"]).then((r) => r.stdout)).toMatch(/reexec|Loading success|exited|Reexecuting/i);
  }, 40_000);

  it("nginx proxies to two pods and reloads by itself when the ConfigMap changes", async () => {
    setConfig("lb-n", "nginx.conf", nginxConf(backends));
    const lb = await lbPod("lb-n-1", "nginx", "lb-n");
    expect(await until(() => spread(lb.ip), 10_000, "nginx answering")).toEqual(["web-a", "web-b"]);
    setConfig("lb-n", "nginx.conf", nginxConf([backends[1]!]));
    expect(await until(async () => (await spread(lb.ip)).join() === "web-b", 10_000, "nginx reloaded")).toBe(true);
  }, 40_000);

  it("deleting an LB pod kills its process group", async () => {
    setConfig("lb-k", "haproxy.cfg", haproxyCfg(backends));
    const lb = await lbPod("lb-k-1", "haproxy", "lb-k");
    await until(() => podGet(lb.ip, 8000), 10_000, "lb-k answering");
    expect((await processGroup(lb.pid)).length).toBeGreaterThanOrEqual(2); // master + worker
    const del = await raw(sim.clusters[0], `/api/v1/namespaces/${NS}/pods/lb-k-1?gracePeriodSeconds=0`, { method: "DELETE" });
    expect(del.status).toBe(200);
    await until(async () => (await processGroup(lb.pid)).length === 0, 5000, "lb-k's processes gone");
    expect(await refusal(lb.ip, 8000)).toBe("ECONNREFUSED");
  }, 30_000);

  it("an LB pod deleted gracefully stops accepting, finishes a slow request in flight, then exits", async () => {
    setConfig("lb-g", "haproxy.cfg", haproxyCfg(backends));
    const lb = await lbPod("lb-g-1", "haproxy", "lb-g");
    pids.pop(); // ends here, not at sim.stop()
    await until(() => podGet(lb.ip, 8000), 10_000, "lb-g answering");
    const slow = podGet(lb.ip, 8000, "/?sleep=1500");
    await new Promise((r) => setTimeout(r, 300)); // in flight through haproxy
    const del = await raw(sim.clusters[0], `/api/v1/namespaces/${NS}/pods/lb-g-1?gracePeriodSeconds=10`, { method: "DELETE" });
    expect(del.status).toBe(200);
    // the image's stop signal (SIGUSR1: haproxy's soft stop) closes the listeners at once
    expect(await until(async () => (await refusal(lb.ip, 8000)) === "ECONNREFUSED", 3000, "lb-g not accepting")).toBe(true);
    expect((await slow).status).toBe(200);
    await until(async () => (await processGroup(lb.pid)).length === 0, 5000, "lb-g's processes gone once idle");
  }, 30_000);

  it("a data plane that exits fails its container: CrashLoopBackOff with its exit code and log, then it restarts", async () => {
    setConfig("lb-c", "haproxy.cfg", "frontend fe\n  no-such-keyword\n");
    store().create("pods", {
      metadata: { name: "lb-c-1", namespace: NS, annotations: { [LB_KIND_ANNOTATION]: "haproxy" } },
      spec: {
        containers: [{ name: "haproxy", image: "haproxy:2.6", volumeMounts: [{ name: "config", mountPath: "/usr/local/etc/haproxy" }] }],
        volumes: [{ name: "config", configMap: { name: "lb-c" } }],
      },
    });
    const cs = await until(
      () => {
        const p: Pod | undefined = store().get("pods", NS, "lb-c-1");
        const s = p?.status?.containerStatuses?.[0];
        return s?.state?.waiting?.reason === "CrashLoopBackOff" && s;
      },
      10_000,
      "lb-c-1 crash-looping",
    );
    expect(cs.lastState?.terminated?.exitCode).not.toBe(0);
    // the log is the current run's: right after a restart it may not have said anything yet
    await until(async () => (await sim.kubectl(["logs", "-n", NS, "lb-c-1"])).stdout.includes("no-such-keyword"), 10_000, "haproxy's complaint in the log");
    setConfig("lb-c", "haproxy.cfg", haproxyCfg(backends));
    const ip = (await running("lb-c-1")).status!.podIP!;
    expect(await until(() => spread(ip), 15_000, "lb-c-1 serving after its back-off")).toEqual(["web-a", "web-b"]);
    pids.push(sim.clusters[0].kubelet.dataPlane((await running("lb-c-1")).metadata.uid!)!.pid);
  }, 30_000);

  it("a Deployment as Capstan applies it: haproxy args with $(POD_IP), quoted ${POD_IP} binds; one replica killed, the other serves", async () => {
    const cfg = haproxyCfg(backends).replace("  bind :8000", '  bind "${POD_IP}:8000"').replace('"ipv4@${POD_IP}:9999"', 'ipv4@"${POD_IP}":9999');
    setConfig("lb-front", "haproxy.cfg", cfg);
    const labels = { "capstan.io/load-balancer": "front" };
    store().create("apps/deployments", {
      metadata: { name: "lb-front", namespace: NS },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, annotations: { [LB_KIND_ANNOTATION]: "haproxy" } },
          spec: {
            containers: [
              {
                name: "haproxy",
                image: "haproxy:2.6",
                args: ["-W", "-db", "-S", "ipv4@$(POD_IP):9998", "-f", "/usr/local/etc/haproxy/haproxy.cfg"],
                env: [{ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }],
                volumeMounts: [{ name: "config", mountPath: "/usr/local/etc/haproxy" }],
              },
            ],
            volumes: [{ name: "config", configMap: { name: "lb-front" } }],
          },
        },
      },
    });
    const pods = await until(
      () => {
        const ps = (store().objects("pods", NS) as Pod[]).filter((p) => p.metadata.labels?.["capstan.io/load-balancer"] === "front" && p.status?.podIP);
        return ps.length === 2 && ps;
      },
      10_000,
      "two LB pods",
    );
    const ips = pods.map((p) => p.status!.podIP!);
    for (const ip of ips) expect(await until(() => spread(ip), 10_000, `haproxy on ${ip}`)).toEqual(["web-a", "web-b"]);
    expect(await cli(ips[0]!, 9998, "show proc")).toContain("worker");
    const del = await raw(sim.clusters[0], `/api/v1/namespaces/${NS}/pods/${pods[0]!.metadata.name}?gracePeriodSeconds=0`, { method: "DELETE" });
    expect(del.status).toBe(200);
    expect(await until(async () => (await refusal(ips[0]!, 8000)) === "ECONNREFUSED", 5000, "the killed replica down")).toBe(true);
    expect(await spread(ips[1]!)).toEqual(["web-a", "web-b"]);
    store().remove("apps/deployments", NS, "lb-front");
  }, 30_000);

  it("no data-plane process is left once the simulator stops", async () => {
    expect(pids.length).toBe(4);
    const alive = (await Promise.all(pids.map(processGroup))).flat();
    expect(alive.length).toBeGreaterThan(0); // the first two still run
    await sim.stop();
    expect((await Promise.all(pids.map(processGroup))).flat()).toEqual([]);
  }, 30_000);
});

describe("a simulator process that ends without sim.stop()", () => {
  // SIGTERM as vitest ends its workers; SIGKILL as Playwright ends its web server, which no handler sees.
  it.each(["SIGTERM", "SIGKILL"] as const)(
    "takes its data planes with it (%s)",
    async (signal) => {
      const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sim-exit-")), "run.mts");
      fs.writeFileSync(
        script,
        [
          `import { startSim } from ${JSON.stringify(path.join(import.meta.dirname, "../sim.ts"))};`,
          'const sim = await startSim({ nodes: 1, podNetwork: "loopback", admin: false, timings: { startMs: 0 } });',
          "const s = sim.clusters[0].store;",
          `s.create("configmaps", { metadata: { name: "c", namespace: "default" }, data: { "haproxy.cfg": ${JSON.stringify(haproxyCfg(["127.0.0.1"]))} } });`,
          `const pod = s.create("pods", { metadata: { name: "lb", namespace: "default", annotations: { "${LB_KIND_ANNOTATION}": "haproxy" } }, spec: { containers: [{ name: "haproxy", image: "haproxy:2.6", volumeMounts: [{ name: "c", mountPath: "/usr/local/etc/haproxy" }] }], volumes: [{ name: "c", configMap: { name: "c" } }] } });`,
          // Written as text: console.log colours a number when FORCE_COLOR is set (npm test sets it).
          "const t = setInterval(() => { const p = sim.clusters[0].kubelet.dataPlane(pod.metadata.uid); if (p) { process.stdout.write(`${p.pid}\\n`); clearInterval(t); } }, 20);",
          "",
        ].join("\n"),
      );
      const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: import.meta.dirname, stdio: ["ignore", "pipe", "inherit"] });
      const pid = await new Promise<number>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => resolve(Number(d.toString().trim())));
        child.on("exit", (code) => reject(new Error(`exited with ${code}`)));
      });
      try {
        await until(async () => (await processGroup(pid)).length >= 2, 5000, "haproxy's master and worker");
        const ended = new Promise((r) => child.on("exit", (_code, signal) => r(signal)));
        child.kill(signal);
        expect(await ended).toBe(signal); // it still ends by the signal
        // After a SIGKILL the reaper kills them once it sees the simulator's end.
        await until(async () => (await processGroup(pid)).length === 0, 5000, "the data plane gone");
      } finally {
        // Whatever happened, nothing of this test outlives it.
        child.kill("SIGKILL");
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          /* already gone */
        }
        fs.rmSync(path.dirname(script), { recursive: true, force: true });
      }
    },
    30_000,
  );
});

describe("the pod's network namespace, emulated", () => {
  it("wildcard listeners bind the pod IP; IPv6 wildcards are dropped; explicit addresses stay", () => {
    const ng = bindToPodIp(
      "nginx",
      "http {\n  server {\n    listen 80;\n    listen [::]:80;\n    listen *:81 reuseport;\n    listen 10.0.0.1:82;\n  }\n}\n",
      "127.1.0.3",
      "/d",
    );
    expect(ng).toContain("listen 127.1.0.3:80;");
    expect(ng).toContain("# listen [::]:80;");
    expect(ng).toContain("listen 127.1.0.3:81 reuseport;");
    expect(ng).toContain("listen 10.0.0.1:82;");
    expect(ng).toContain("proxy_temp_path /d/tmp/proxy;");
    const hp = bindToPodIp("haproxy", "frontend fe\n  bind :80\n  bind *:81\n  bind ipv4@:82\n  bind ${POD_IP}:83\n  bind :::84\n", "127.1.0.3", "/d");
    expect(hp).toBe(
      "frontend fe\n  bind 127.1.0.3:80\n  bind 127.1.0.3:81\n  bind ipv4@127.1.0.3:82\n  bind ${POD_IP}:83\n# bind :::84 (dropped: IPv4 loopback pod network)\n",
    );
  });

  it("$(VAR) expands as the kubelet does", () => {
    expect(expand("ipv4@$(POD_IP):9998 $$(POD_IP) $(NOPE)", { POD_IP: "127.1.0.3" })).toBe("ipv4@127.1.0.3:9998 $(POD_IP) $(NOPE)");
  });
});
