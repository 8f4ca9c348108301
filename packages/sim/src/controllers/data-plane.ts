// The simulated kubelet's runtime for load-balancer pods on the loopback pod network (docs/simulator.md):
// a pod annotated `lb.capstan.io/kind: haproxy|nginx` runs the machine's real haproxy or nginx, bound to
// the pod's IP, with the pod's ConfigMap volumes materialised in a temp dir (and refreshed when the
// ConfigMap changes, as a kubelet refreshes such volumes). stdout and stderr are the container's log.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ConfigMap, Container, Pod } from "../k8s/objects.js";

/**
 * The annotation naming an LB pod's data plane. Copied from packages/domain/src/load-balancers/data-plane.ts
 * (LB_KIND_ANNOTATION): the simulator does not depend on Capstan's packages.
 */
export const LB_KIND_ANNOTATION = "lb.capstan.io/kind";
/** haproxy's master CLI port (HAPROXY_MASTER_PORT in the same file): `-S ipv4@<podIP>:9998`. */
const HAPROXY_MASTER_PORT = 9998;
/**
 * Set to `missing` on an LB pod whose program is not installed on this machine: the pod runs (Running,
 * Ready) without a data plane, and the portal can say so.
 */
export const DATA_PLANE_ANNOTATION = "sim.capstan.io/data-plane";

/** The data planes the simulator can run. */
export type DataPlaneKind = "haproxy" | "nginx";

/**
 * The signal the kubelet sends a container's main process on deletion: the official images' STOPSIGNAL.
 * haproxy's image uses SIGUSR1 (soft stop: stop listening, let connections finish), nginx's SIGQUIT
 * (graceful shutdown). SIGKILL follows after the grace period.
 */
const STOP_SIGNAL: Record<DataPlaneKind, NodeJS.Signals> = { haproxy: "SIGUSR1", nginx: "SIGQUIT" };

/** The most log kept per LB pod, in bytes; older output is dropped first (the kubelet rotates logs too). */
const MAX_LOG_BYTES = 1024 * 1024;

/** Every data-plane process group alive (→ its temp dir), so none outlives the simulator's process. */
const live = new Map<number, string>();
let hooked = false;
const killAll = () => {
  for (const [pid, dir] of live) {
    killGroup(pid, "SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
/**
 * Kills every data plane when this process ends: on exit, and on SIGTERM/SIGINT/SIGHUP, which end a
 * process without an `exit` event (vitest stops its workers with SIGTERM). When no one else handles the
 * signal, it is raised again once ours is removed, so the process still ends as it would have.
 */
function track(pid: number, dir: string) {
  live.set(pid, dir);
  tellReaper(`+ ${pid}`);
  if (hooked) return;
  hooked = true;
  process.once("exit", killAll);
  for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    const onSignal = () => {
      killAll();
      if (process.listenerCount(sig) > 1) return;
      process.removeListener(sig, onSignal);
      process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}
/**
 * A SIGKILL ends the simulator with no chance to run killAll (Playwright ends its web server so), and the
 * data planes, detached into process groups of their own, would live on: bound to pod IPs that the next
 * simulator leases again, haproxy sharing them through SO_REUSEPORT and answering with another
 * configuration. So a reaper, a shell detached as well, learns each group as it starts (`+pid`) and ends
 * (`-pid`) on its stdin, and at end of input (this process gone, however it ended) kills those left.
 */
const REAPER =
  'g=" "; while read -r op pid; do if [ "$op" = + ]; then g="$g$pid "; else case "$g" in *" $pid "*) g="${g% $pid *} ${g#* $pid }";; esac; fi; done; for p in $g; do kill -KILL "-$p" 2>/dev/null; done';
let reaper: ChildProcess | undefined;
function tellReaper(line: string) {
  if (!reaper) {
    reaper = spawn("sh", ["-c", REAPER], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
    reaper.on("error", () => (reaper = undefined));
    reaper.stdin!.on("error", () => (reaper = undefined)); // a reaper gone: the next data plane starts another
    reaper.unref();
    (reaper.stdin as unknown as { unref(): void }).unref(); // the pipe must not keep this process alive
  }
  reaper.stdin?.write(`${line}\n`);
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal); // the program's process group: haproxy's and nginx's workers too
  } catch {
    /* already gone */
  }
}

const installed = new Map<DataPlaneKind, boolean>();
/** Whether `kind`'s program runs on this machine (asked once per process). */
export function hasDataPlane(kind: DataPlaneKind): boolean {
  let ok = installed.get(kind);
  if (ok === undefined) {
    ok = !spawnSync(kind, ["-v"], { stdio: "ignore" }).error;
    installed.set(kind, ok);
  }
  return ok;
}

/** The data plane an LB pod asks for, or undefined for any other pod. */
export function dataPlaneKind(pod: Pod): DataPlaneKind | undefined {
  const v = pod.metadata.annotations?.[LB_KIND_ANNOTATION];
  return v === "haproxy" || v === "nginx" ? v : undefined;
}

/** A running data plane: its log (and listeners for follow), the ConfigMaps it mounts, how to refresh and stop it. */
export interface DataPlaneRun {
  kind: DataPlaneKind;
  log: string[];
  ended: boolean;
  listeners: Set<(chunk: string | null) => void>;
  /** The temp dir holding the mounted files, the pid file and nginx's temp paths. */
  dir: string;
  /** The process id (its process group's too); undefined if it could not start. */
  pid?: number;
  /** Names of the ConfigMaps its volumes mount (in the pod's namespace). */
  configMaps: string[];
  /** Rewrites the mounted files from the ConfigMaps now; nginx is then reloaded, as its reloader would. */
  refresh(): void;
  /** Graceful deletion: the image's stop signal to the main process, SIGKILL to its group after `graceMs`. */
  terminate(graceMs: number): void;
  /** SIGKILL to the process group (node killed, container crashed, simulator stopping). */
  kill(): void;
  /** The exit: code, or null when a signal ended it; `stopped` when it was asked to stop. */
  done: Promise<{ code: number | null; stopped: boolean }>;
}

/**
 * Starts the LB pod's program bound to its IP (`pod.status.podIP`, so call once the pod is running).
 * `configMap(name)` reads a ConfigMap of the pod's namespace as stored now. Never throws: a program that
 * cannot start ends `done` with code 127.
 */
export function runDataPlane(pod: Pod, kind: DataPlaneKind, configMap: (name: string) => ConfigMap | undefined): DataPlaneRun {
  const ip = pod.status!.podIP!;
  const ctr = pod.spec.containers[0]!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `capstan-${kind}-`));
  const mounts = configMapMounts(pod, ctr, dir);
  const run: DataPlaneRun = {
    kind,
    log: [],
    ended: false,
    listeners: new Set(),
    dir,
    configMaps: [...new Set(mounts.map((m) => m.configMap))],
    refresh: () => {},
    terminate: () => {},
    kill: () => {},
    done: undefined as never,
  };
  let size = 0;
  const write = (chunk: string) => {
    run.log.push(chunk);
    size += chunk.length;
    while (size > MAX_LOG_BYTES && run.log.length > 1) size -= run.log.shift()!.length;
    for (const l of run.listeners) l(chunk);
  };
  const materialise = () => {
    for (const m of mounts) writeVolume(m, configMap(m.configMap), kind, ip, dir);
  };
  materialise();
  const env = podEnv(pod, ctr);
  const argv = kind === "haproxy" ? haproxyArgv(ctr, env, mounts, ip) : nginxArgv(mounts, dir);
  let stopped = false;
  let child: ChildProcess;
  try {
    child = spawn(argv[0]!, argv.slice(1), { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH, ...env } });
  } catch (e) {
    write(`${(e as Error).message}\n`);
    run.done = Promise.resolve({ code: 127, stopped: false });
    return run;
  }
  run.pid = child.pid;
  if (child.pid) track(child.pid, dir);
  child.stdout!.on("data", (b: Buffer) => write(b.toString()));
  child.stderr!.on("data", (b: Buffer) => write(b.toString()));
  run.refresh = () => {
    if (run.ended) return;
    materialise();
    // The pod's reloader (docs/load-balancers.md): nginx -s reload, i.e. SIGHUP to the master, which
    // re-reads the configuration and lets the old workers finish what is in flight. haproxy is reloaded
    // by whoever changed its configuration, through the master CLI.
    if (kind === "nginx") child.kill("SIGHUP");
  };
  let escalation: NodeJS.Timeout | undefined;
  run.kill = () => {
    stopped = true;
    if (child.pid && !run.ended) killGroup(child.pid, "SIGKILL");
  };
  run.terminate = (graceMs) => {
    if (stopped || run.ended) return;
    stopped = true;
    child.kill(STOP_SIGNAL[kind]);
    escalation = setTimeout(run.kill, graceMs);
    escalation.unref();
  };
  run.done = new Promise((resolve) => {
    child.on("error", (e) => write(`${e.message}\n`));
    child.on("close", (code) => {
      clearTimeout(escalation);
      // the master is gone; its workers must not outlive it
      if (child.pid) {
        killGroup(child.pid, "SIGKILL");
        live.delete(child.pid);
        tellReaper(`- ${child.pid}`);
      }
      run.ended = true;
      for (const l of run.listeners) l(null);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code: code ?? null, stopped });
    });
  });
  return run;
}

/** A configMap volume mounted into the container: where the pod sees it and where it is on this machine. */
interface Mount {
  configMap: string;
  mountPath: string;
  /** The file or directory on this machine standing for `mountPath`. */
  hostPath: string;
  volumeDir: string;
  items?: { key: string; path: string }[];
}

function configMapMounts(pod: Pod, ctr: Container, dir: string): Mount[] {
  const out: Mount[] = [];
  for (const vm of ctr.volumeMounts ?? []) {
    const vol = pod.spec.volumes?.find((v) => v.name === vm.name);
    if (!vol?.configMap?.name) continue;
    const volumeDir = path.join(dir, "volumes", vol.name);
    fs.mkdirSync(volumeDir, { recursive: true });
    out.push({
      configMap: vol.configMap.name,
      mountPath: vm.mountPath.replace(/\/+$/, ""),
      hostPath: vm.subPath ? path.join(volumeDir, vm.subPath) : volumeDir,
      volumeDir,
      items: vol.configMap.items,
    });
  }
  // longest mount path first, so a path is mapped by the most specific mount
  return out.sort((a, b) => b.mountPath.length - a.mountPath.length);
}

/**
 * Writes the ConfigMap's keys (or its `items`) as files, each replaced atomically; files of keys gone are
 * removed. Text keys (`data`) are bound to the pod IP (bindToPodIp); `binaryData` is written as is.
 */
function writeVolume(m: Mount, cm: ConfigMap | undefined, kind: DataPlaneKind, ip: string, dir: string) {
  const data = new Map<string, string | Buffer>();
  for (const [k, v] of Object.entries(cm?.data ?? {})) data.set(k, bindToPodIp(kind, v, ip, dir));
  for (const [k, v] of Object.entries(cm?.binaryData ?? {})) data.set(k, Buffer.from(v, "base64"));
  const files = new Map<string, string | Buffer>();
  for (const { key, path: p } of m.items ?? [...data.keys()].map((k) => ({ key: k, path: k }))) {
    const v = data.get(key);
    if (v !== undefined) files.set(p, v);
  }
  for (const [name, content] of files) {
    const target = path.join(m.volumeDir, name);
    if (!target.startsWith(m.volumeDir + path.sep)) continue; // a key naming a path outside the volume
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(`${target}.tmp`, content);
    fs.renameSync(`${target}.tmp`, target);
  }
  const kept = new Set([...files.keys()].map((p) => p.split("/")[0]));
  for (const name of fs.readdirSync(m.volumeDir)) if (!kept.has(name)) fs.rmSync(path.join(m.volumeDir, name), { recursive: true, force: true });
}

/**
 * Emulates the pod's network namespace on the shared loopback: a listener on every address (nginx
 * `listen 80`, `listen *:80`; haproxy `bind :80`, `bind *:80`, `0.0.0.0`) is bound to the pod IP instead,
 * and IPv6 wildcard listeners are dropped (the loopback pod network is IPv4). For nginx, the http block also
 * gets temp paths in the pod's dir (Debian's nginx compiles in /var/lib/nginx, shared by every instance).
 */
export function bindToPodIp(kind: DataPlaneKind, text: string, ip: string, dir: string): string {
  if (kind === "nginx") {
    // a directive starts a line or follows `{`, `;` or `}` (several may share a line)
    const out = text.replace(/(^|[\s;{}])listen\s+([^\s;]+)([^;]*);/g, (line, before: string, addr: string, rest: string) => {
      if (/^\[::\]:\d+$/.test(addr)) return `${before}# ${line.slice(before.length)} (dropped: IPv4 loopback pod network)\n`;
      const port = /^(?:(?:\*|0\.0\.0\.0):)?(\d+)$/.exec(addr)?.[1];
      return port ? `${before}listen ${ip}:${port}${rest};` : line;
    });
    const tmp = path.join(dir, "tmp");
    const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${tmp}/${t};`).join(" ");
    return out.replace(/(^|[\s;{}])(http\s*\{)/, `$1$2 ${temps}`);
  }
  return text.replace(/^(\s*bind\s+)(ipv4@)?([^\s]+)/gm, (line, head: string, family: string | undefined, addr: string) => {
    if (/^(?:\[::\]|::):\d+$/.test(addr) || /^ipv6@/.test(addr)) return `# ${line.trim()} (dropped: IPv4 loopback pod network)`;
    const port = /^(?:\*|0\.0\.0\.0)?:(\d+)$/.exec(addr)?.[1];
    return port ? `${head}${family ?? ""}${ip}:${port}` : line;
  });
}

/**
 * The container's environment as the kubelet gives it: `value`s with `$(VAR)` expanded from the
 * variables before them, and the downward API's fieldRefs (status.podIP, status.hostIP, metadata.name,
 * metadata.namespace, spec.nodeName). POD_IP is always set (the loopback network's stand-in for the
 * pod's own address). Other sources (secrets, configMap keys) are not read.
 */
export function podEnv(pod: Pod, ctr: Container): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    "status.podIP": pod.status?.podIP,
    "status.hostIP": pod.status?.hostIP,
    "metadata.name": pod.metadata.name,
    "metadata.namespace": pod.metadata.namespace,
    "spec.nodeName": pod.spec.nodeName,
  };
  const env: Record<string, string> = { POD_IP: pod.status?.podIP ?? "" };
  for (const e of ctr.env ?? []) {
    const v = e.valueFrom?.fieldRef ? fields[e.valueFrom.fieldRef.fieldPath] : e.value !== undefined ? expand(e.value, env) : undefined;
    if (v !== undefined) env[e.name] = v;
  }
  return env;
}

/**
 * Kubernetes' `$(VAR)` expansion (k8s.io/kubernetes third_party/forked/golang/expansion): a defined
 * variable is replaced, `$$` is a literal `$`, an undefined reference stays as written.
 */
export function expand(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => (name === undefined ? "$" : (env[name] ?? m)));
}

/** A path inside a mounted volume, mapped to where the volume is on this machine. */
function mapPath(arg: string, mounts: Mount[]) {
  for (const m of mounts) {
    if (arg === m.mountPath) return m.hostPath;
    if (arg.startsWith(`${m.mountPath}/`)) return m.hostPath + arg.slice(m.mountPath.length);
  }
  return arg;
}

/**
 * haproxy's command line: the container's own command/args (expanded, paths mapped) when they run
 * haproxy (args alone are given to haproxy, as the official image's entrypoint does with `-…` args),
 * else `haproxy -W -db -S ipv4@<podIP>:9998 -f <dir>/haproxy.cfg`. Only haproxy is ever run.
 */
function haproxyArgv(ctr: Container, env: Record<string, string>, mounts: Mount[], ip: string): string[] {
  const own = [...(ctr.command ?? []), ...(ctr.args ?? [])].map((a) => mapPath(expand(a, env), mounts));
  if (own.length && path.basename(own[0]!) === "haproxy") return ["haproxy", ...own.slice(1)];
  if (own.length && !ctr.command && own[0]!.startsWith("-")) return ["haproxy", ...own];
  return ["haproxy", "-W", "-db", "-S", `ipv4@${ip}:${HAPROXY_MASTER_PORT}`, "-f", configFile(mounts, "haproxy.cfg")];
}

/**
 * nginx's command line: the pod's prefix and pid file in its dir, the mounted nginx.conf, in the foreground.
 * Where this machine's nginx has the stream module (TCP balancers) as a dynamic module (Debian's
 * libnginx-mod-stream) it is loaded, as the official image has it built in.
 */
function nginxArgv(mounts: Mount[], dir: string): string[] {
  fs.mkdirSync(path.join(dir, "tmp"), { recursive: true });
  fs.mkdirSync(path.join(dir, "logs"), { recursive: true });
  const stream = fs.existsSync(STREAM_MODULE) ? ` load_module ${STREAM_MODULE};` : "";
  return ["nginx", "-p", `${dir}/`, "-e", "stderr", "-c", configFile(mounts, "nginx.conf"), "-g", `daemon off; pid ${dir}/nginx.pid;${stream}`];
}

/** Where Debian's libnginx-mod-stream puts nginx's stream module. */
const STREAM_MODULE = "/usr/lib/nginx/modules/ngx_stream_module.so";

/** The mounted file called `name` (the first mount holding one), or where it would be in the first mount. */
function configFile(mounts: Mount[], name: string) {
  for (const m of mounts) {
    const p = fs.statSync(m.hostPath, { throwIfNoEntry: false })?.isDirectory() ? path.join(m.hostPath, name) : m.hostPath;
    if (path.basename(p) === name && fs.existsSync(p)) return p;
  }
  return path.join(mounts[0]?.hostPath ?? os.tmpdir(), name);
}
