// Real haproxy and nginx for tests: check a rendered configuration (`haproxy -c`, `nginx -t`) or run one on a
// loopback address, as an LB pod would. A missing program fails the test, naming the Debian package (CI's
// .ci/run installs them): nothing is skipped.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type LoadBalancerKindName, nginxBindTo } from "@capstan/domain";

const PROGRAMS: Record<LoadBalancerKindName, { paths: string[]; pkg: string }> = {
  haproxy: { paths: ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy"], pkg: "haproxy" },
  nginx: { paths: ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"], pkg: "nginx-light libnginx-mod-stream" },
};

/** The program's path; throws "… apt-get install <package>" when it is not installed. */
export function dataPlaneProgram(kind: LoadBalancerKindName): string {
  const found = PROGRAMS[kind].paths.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`${kind} is not installed: apt-get install ${PROGRAMS[kind].pkg}`);
  return found;
}

let streamModule: string | null | undefined;
/**
 * `load_module …;` for nginx's stream module where it is a dynamic module (Debian builds it so, in the
 * libnginx-mod-stream package; the official image builds it in), or "" where it is built in.
 */
function nginxStreamModule(): string {
  if (streamModule === undefined) {
    // nginx -V writes its configure arguments to stderr.
    const v = spawnSync(dataPlaneProgram("nginx"), ["-V"], { encoding: "utf8" });
    if (!/--with-stream=dynamic/.test(`${v.stdout}${v.stderr}`)) streamModule = null;
    else {
      const module = ["/usr/lib/nginx/modules/ngx_stream_module.so", "/usr/share/nginx/modules/ngx_stream_module.so"].find((p) => fs.existsSync(p));
      if (!module) throw new Error("nginx's stream module is not installed: apt-get install libnginx-mod-stream");
      streamModule = module;
    }
  }
  return streamModule ? `load_module ${streamModule};` : "";
}

/** A throw-away directory for one program's files. */
const scratch = (kind: string) => fs.mkdtempSync(path.join(os.tmpdir(), `capstan-${kind}-`));

/** nginx's command line around a configuration: its own prefix, pid file and stderr log, so it needs no system paths. */
function nginxArgs(dir: string, file: string, extra = ""): string[] {
  return ["-p", dir, "-e", "stderr", "-c", file, "-g", `pid ${path.join(dir, "nginx.pid")}; ${nginxStreamModule()} ${extra}`];
}

/**
 * Checks a configuration with the real program: `haproxy -c` (with POD_IP set, as the Deployment sets it) or
 * `nginx -t`. Resolves to whether it passed and what the program said.
 */
export function checkDataPlaneConfig(kind: LoadBalancerKindName, text: string): Promise<{ ok: boolean; output: string }> {
  const dir = scratch(kind);
  const file = path.join(dir, kind === "haproxy" ? "haproxy.cfg" : "nginx.conf");
  fs.writeFileSync(file, text);
  const [program, args] = kind === "haproxy" ? [dataPlaneProgram("haproxy"), ["-c", "-f", file]] : [dataPlaneProgram("nginx"), ["-t", ...nginxArgs(dir, file)]];
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, POD_IP: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("close", (code) => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ ok: code === 0, output });
    });
  });
}

/** A data plane running as an LB pod would: `write` a new configuration and reload it (hitless); `stop` ends it. */
export interface RunningDataPlane {
  /** Writes a new configuration (haproxy: the caller then reloads through the master CLI). */
  write(text: string): void;
  /** nginx only: writes the new configuration and sends SIGHUP, as `nginx -s reload` does. */
  reloadNginx(text: string): void;
  stop(): Promise<void>;
}

/**
 * Starts haproxy (master-worker, `-W -db`, master CLI on `address`:masterPort, POD_IP=address) or nginx (every
 * `listen` bound to `address`) with a rendered configuration, and waits until `ready()` resolves true (polled).
 */
export async function startDataPlane(
  kind: LoadBalancerKindName,
  text: string,
  address: string,
  opts: { masterPort?: number; ready: () => Promise<boolean> },
): Promise<RunningDataPlane> {
  const dir = scratch(kind);
  const file = path.join(dir, kind === "haproxy" ? "haproxy.cfg" : "nginx.conf");
  const write = (t: string) => fs.writeFileSync(file, kind === "nginx" ? nginxBindTo(t, address) : t);
  write(text);
  const [program, args] =
    kind === "haproxy"
      ? [dataPlaneProgram("haproxy"), ["-W", "-db", "-S", `ipv4@${address}:${opts.masterPort ?? 9998}`, "-f", file]]
      : [dataPlaneProgram("nginx"), nginxArgs(dir, file, "daemon off;")];
  const child = spawn(program, args, { env: { ...process.env, POD_IP: address }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Also when the test process ends without its afterAll (a crash, a timeout): no program is left running.
  // SIGTERM, so the master stops its workers (nginx's would outlive a SIGKILLed master).
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));
  const running: RunningDataPlane = {
    write,
    reloadNginx: (t) => {
      write(t);
      child.kill("SIGHUP");
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const late = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(late);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const deadline = Date.now() + 10_000; ; ) {
    if (child.exitCode !== null) throw new Error(`${kind} exited: ${output}`);
    if (await opts.ready().catch(() => false)) return running;
    if (Date.now() > deadline) {
      await running.stop();
      throw new Error(`${kind} did not become ready within 10 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
