// The simulated kubelet's builder runtime: a pod annotated `build.capstan.io/builder: buildah` (Capstan's
// build Jobs, packages/domain/src/build-job.ts) is really run on this machine instead of pretending: its
// steps are those of the builder image's script, with the machine's `git` and `buildah` (vfs storage,
// chroot isolation, a private storage root per build), the output kept as the container's log, and the
// result written as the termination message, as the kubelet copies /dev/termination-log (docs/simulator.md).
// The pod's env says what to build (BUILD_* below); the push credential comes from the Secret mounted at
// the auth volume, a dockerconfigjson, as on a real node.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Container, Pod, Secret } from "../k8s/objects.js";

type EnvVar = NonNullable<Container["env"]>[number];

/** The annotation that marks a builder pod; its value names the builder ("buildah"). */
export const BUILDER_ANNOTATION = "build.capstan.io/builder";

/** What a build run ends with: the container's exit code and termination message. */
export interface BuildExit {
  exitCode: number;
  /** JSON: `{ commit, tag, digest }` on success, `{ reason, message }` on failure (see build-job.ts). */
  message: string;
}

/** A running build: its log so far (and listeners for follow), and how to stop it. */
export interface BuildRun {
  log: string[];
  ended: boolean;
  listeners: Set<(chunk: string | null) => void>;
  stop(): void;
  done: Promise<BuildExit>;
}

/** The largest log kept per build, in bytes (the kubelet rotates at 10 MiB; builds here are small). */
const MAX_LOG_BYTES = 4 * 1024 * 1024;

/**
 * `relative` resolved in the checkout `src`, symlinks followed: its real path, "outside" when that is not
 * in `src`, or null when nothing is there.
 */
function inCheckout(src: string, relative: string): string | "outside" | null {
  let real: string;
  try {
    real = fs.realpathSync(path.resolve(src, relative));
  } catch {
    return path.resolve(src, relative).startsWith(src + path.sep) ? null : "outside";
  }
  const root = fs.realpathSync(src);
  return real === root || real.startsWith(root + path.sep) ? real : "outside";
}

/**
 * Runs the builder container of `pod`: clone `BUILD_GIT_URL` at `BUILD_GIT_REF`, build
 * `BUILD_CONTEXT`/`BUILD_DOCKERFILE`, push `BUILD_IMAGE:<BUILD_TAG or the short commit>` with the
 * credentials of `secret` (a dockerconfigjson); a commit listed in `BUILD_BUILT` is reported as built before
 * instead (see build-job.ts). Never throws: every failure is an exit code and a message.
 */
export function runBuild(pod: Pod, secret: Secret | undefined): BuildRun {
  const ctr = pod.spec.containers[0]!;
  const env = Object.fromEntries((ctr.env ?? []).map((e: EnvVar) => [e.name, e.value ?? ""]));
  const run: BuildRun = { log: [], ended: false, listeners: new Set(), stop: () => {}, done: undefined as never };
  let size = 0;
  const write = (chunk: string) => {
    if (size > MAX_LOG_BYTES) return;
    size += chunk.length;
    run.log.push(chunk);
    for (const l of run.listeners) l(chunk);
  };
  let child: ChildProcess | undefined;
  let stopped = false;
  run.stop = () => {
    stopped = true;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, "SIGKILL"); // its process group: git's and buildah's children too
    } catch {
      /* already gone */
    }
  };
  const exec = (cmd: string, args: string[], opts: { cwd?: string } = {}) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      if (stopped) return resolve({ code: 137, out: "" });
      write(`+ ${cmd} ${args.join(" ")}\n`);
      let out = "";
      child = spawn(cmd, args, { cwd: opts.cwd, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
      const take = (b: Buffer) => {
        const s = b.toString();
        out += s;
        write(s);
      };
      child.stdout!.on("data", take);
      child.stderr!.on("data", take);
      child.on("error", (e: NodeJS.ErrnoException) => resolve({ code: e.code === "ENOENT" ? 127 : 126, out: e.message }));
      child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 137 : 1), out }));
    });
  const fail = (reason: string, message: string, exitCode = 1, commit = ""): BuildExit => {
    write(`${message}\n`);
    return { exitCode, message: JSON.stringify({ reason, message, commit }) };
  };
  const steps = async (dir: string): Promise<BuildExit> => {
    const probe = await exec("buildah", ["--version"]);
    if (probe.code === 127) return fail("BuilderMissing", "buildah is not installed on this machine: apt-get install buildah", 127);
    const src = path.join(dir, "src");
    const ref = env.BUILD_GIT_REF || "HEAD";
    // init + fetch of one ref (not clone --branch): the ref may be a branch, a tag or a commit SHA.
    let r = await exec("git", ["init", "--quiet", src]);
    // "--": a URL or ref starting with "-" is never read as an option (git parses options after positionals).
    if (!r.code) r = await exec("git", ["-C", src, "fetch", "--quiet", "--depth", "1", "--", env.BUILD_GIT_URL ?? "", ref]);
    if (r.code) return fail(/couldn't find remote ref|not our ref|unadvertised/i.test(r.out) ? "RefNotFound" : "CloneFailed", `git could not fetch ${ref}`);
    r = await exec("git", ["-C", src, "checkout", "--quiet", "FETCH_HEAD"]);
    if (r.code) return fail("CloneFailed", `git could not check out ${ref}`);
    const commit = (await exec("git", ["-C", src, "rev-parse", "HEAD"])).out.trim();
    // BUILD_BUILT: "<commit> <tag> <digest>" lines of images already built so: this commit's is reported, not rebuilt.
    const reused = (env.BUILD_BUILT ?? "").split("\n").find((line) => line.split(" ")[0] === commit);
    if (reused) {
      const [, tag, digest] = reused.split(" ");
      write(`${commit} was built before with this Dockerfile, as ${tag}@${digest}: not built again\n`);
      return { exitCode: 0, message: JSON.stringify({ commit, tag, digest, reused: true }) };
    }
    const tag = env.BUILD_TAG || commit.slice(0, 7);
    // As `docker build -f`: the Dockerfile path is from the repository root, not from the context. Both must
    // stay in the checkout once symlinks are followed: this machine is the build pod, and buildah would read
    // (and echo into the log) any file it is pointed at.
    const context = inCheckout(src, env.BUILD_CONTEXT || ".");
    const dockerfile = inCheckout(src, env.BUILD_DOCKERFILE || "Dockerfile");
    if (context === "outside" || dockerfile === "outside") return fail("DockerfileMissing", "the context or Dockerfile path leaves the repository", 1, commit);
    if (!context || !dockerfile) return fail("DockerfileMissing", `no ${env.BUILD_DOCKERFILE || "Dockerfile"} in ${ref} (${commit.slice(0, 7)})`, 1, commit);
    const image = `${env.BUILD_IMAGE}:${tag}`;
    const storage = ["--root", path.join(dir, "root"), "--runroot", path.join(dir, "runroot"), "--storage-driver", "vfs"];
    r = await exec("buildah", [...storage, "bud", "--isolation", "chroot", "--layers=false", "-f", dockerfile, "-t", image, context]);
    if (r.code) return fail("BuildFailed", `the build failed (exit code ${r.code})`, 1, commit);
    const auth = path.join(dir, "auth.json");
    const config = secret?.data?.[".dockerconfigjson"];
    fs.writeFileSync(auth, config ? Buffer.from(config, "base64") : "{}", { mode: 0o600 });
    const digestFile = path.join(dir, "digest");
    r = await exec("buildah", [...storage, "push", "--tls-verify=false", "--authfile", auth, "--digestfile", digestFile, image, `docker://${image}`]);
    if (r.code) return fail("PushFailed", `the push to ${env.BUILD_IMAGE} failed (exit code ${r.code})`, 1, commit);
    const digest = fs.readFileSync(digestFile, "utf8").trim();
    write(`pushed ${image}@${digest}\n`);
    return { exitCode: 0, message: JSON.stringify({ commit, tag, digest }) };
  };
  run.done = (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-build-"));
    try {
      const exit = await steps(dir);
      return stopped ? { exitCode: 137, message: JSON.stringify({ reason: "Cancelled", message: "the build was stopped" }) } : exit;
    } catch (e) {
      return fail("BuildFailed", (e as Error).message);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      run.ended = true;
      for (const l of run.listeners) l(null);
    }
  })();
  return run;
}
