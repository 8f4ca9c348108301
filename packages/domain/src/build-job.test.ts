// The build Job is a valid batch/v1 Job on cicd nodes, its termination message is read strictly, and its
// script's steps before buildah behave as docs/builds.md says.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Job } from "kubernetes-models/batch/v1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_NAMESPACE, BUILD_SCRIPT, BUILDER_ANNOTATION, buildJob, buildResult, builtEnv } from "./build-job";

const job = buildJob({
  buildId: "0b9c6f1e-1111-4222-8333-944445555666",
  system: "shop",
  application: "web",
  gitRepository: "https://git.example.com/shop/web.git",
  gitRef: "main",
  contextDir: ".",
  dockerfilePath: "Dockerfile",
  image: "harbor.dc1.example.com/shop/web",
  tag: null,
  builderImage: "quay.io/buildah/stable:v1.37",
  secretName: "build-0b9c6f1e-1111-4222-8333-944445555666",
}) as unknown as ConstructorParameters<typeof Job>[0] & { metadata: { namespace: string } };

describe("buildJob", () => {
  it("is a valid Job in the builds namespace, on cicd nodes, tolerating their taint, never retried", () => {
    new Job(job).validate();
    expect(job.metadata.namespace).toBe(BUILD_NAMESPACE);
    const spec = job.spec!.template.spec!;
    expect(spec.nodeSelector).toEqual({ zone: "cicd" });
    expect(spec.tolerations).toEqual([{ key: "zone", operator: "Equal", value: "cicd", effect: "NoSchedule" }]);
    expect(job.spec!.backoffLimit).toBe(0);
    expect(job.spec!.template.metadata!.annotations![BUILDER_ANNOTATION]).toBe("buildah");
    // the inputs are env vars, not part of the script
    expect(spec.containers[0]!.command!.join(" ")).not.toContain("git.example.com");
    expect(spec.containers[0]!.env).toContainEqual({ name: "BUILD_TAG", value: "" });
  });
});

describe("buildResult", () => {
  const digest = `sha256:${"a".repeat(64)}`;
  it("reads a success and a failure, and nothing else", () => {
    expect(buildResult(JSON.stringify({ commit: "abc", tag: "abc", digest }))).toEqual({ commit: "abc", tag: "abc", digest });
    expect(buildResult(JSON.stringify({ reason: "CloneFailed", message: "no" }))).toEqual({ reason: "CloneFailed", message: "no" });
    // A failure after the checkout names its commit; the script's empty one before it is left out.
    const commit = "c".repeat(40);
    expect(buildResult(JSON.stringify({ reason: "BuildFailed", message: "x", commit }))).toEqual({ reason: "BuildFailed", message: "x", commit });
    expect(buildResult(JSON.stringify({ reason: "CloneFailed", message: "x", commit: "" }))).toEqual({ reason: "CloneFailed", message: "x" });
    expect(buildResult(JSON.stringify({ commit: "abc", tag: "abc", digest: "md5:1" }))).toBeNull();
    expect(buildResult(JSON.stringify({ reason: "not a reason; rm -rf" }))).toBeNull();
    expect(buildResult("killed")).toBeNull();
    expect(buildResult(undefined)).toBeNull();
  });
});

describe("BUILD_SCRIPT, run by sh with this machine's git (the builder image's steps before buildah)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-script-"));
  const repo = path.join(dir, "repo");
  const secret = path.join(dir, "secret");
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args]);
  beforeAll(() => {
    fs.mkdirSync(repo);
    fs.writeFileSync(secret, "POD-SECRET-LINE\n");
    fs.writeFileSync(path.join(repo, "Dockerfile"), "FROM scratch\n");
    fs.symlinkSync(secret, path.join(repo, "Linked.Dockerfile"));
    git("init", "--quiet", "--initial-branch=main");
    git("add", ".");
    git("commit", "--quiet", "-m", "first");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs the script in a directory of its own (its /tmp), buildah a stub that fails; answers the termination message and the output. */
  function run(env: Record<string, string>) {
    const work = fs.mkdtempSync(path.join(dir, "run-"));
    const bin = path.join(work, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "buildah"), `#!/bin/sh\necho "buildah $*"\ncat "$6" 2>/dev/null\nexit 9\n`, { mode: 0o755 });
    const script = BUILD_SCRIPT.replaceAll("/tmp", work).replaceAll("/dev/termination-log", path.join(work, "termination-log"));
    const r = spawnSync("/bin/sh", ["-c", script], {
      encoding: "utf8",
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        HOME: work,
        BUILD_GIT_URL: `file://${repo}`,
        BUILD_GIT_REF: "main",
        BUILD_CONTEXT: ".",
        BUILD_DOCKERFILE: "Dockerfile",
        BUILD_IMAGE: "r/s/a",
        BUILD_TAG: "",
        ...env,
      },
    });
    return { result: buildResult(fs.readFileSync(path.join(work, "termination-log"), "utf8")), output: r.stdout + r.stderr };
  }

  it("tells a missing branch (RefNotFound) from a repository that cannot be reached (CloneFailed)", () => {
    expect(run({ BUILD_GIT_REF: "no-such-branch" }).result).toMatchObject({ reason: "RefNotFound" });
    expect(run({ BUILD_GIT_URL: `file://${dir}/nowhere` }).result).toMatchObject({ reason: "CloneFailed" });
  });

  it("refuses a Dockerfile out of the checkout, by '..' or by a committed symlink, before buildah reads it", () => {
    for (const dockerfile of ["Linked.Dockerfile", "../../secret", "../secret", "."]) {
      const { result, output } = run({ BUILD_DOCKERFILE: dockerfile });
      expect(result, dockerfile).toMatchObject({ reason: "DockerfileMissing", commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
      expect(output).not.toContain("POD-SECRET-LINE");
    }
  });

  it("reports a commit listed in BUILD_BUILT as built before, without building it", () => {
    const commit = git("rev-parse", "HEAD").toString().trim();
    const digest = `sha256:${"b".repeat(64)}`;
    const built = builtEnv([
      { commit: "c".repeat(40), tag: "other", digest: `sha256:${"c".repeat(64)}` },
      { commit, tag: "v1", digest },
    ]);
    const { result, output } = run({ BUILD_BUILT: built, BUILD_TAG: "v1" });
    expect(result).toEqual({ commit, tag: "v1", digest, reused: true });
    expect(output).not.toContain("buildah bud");
    // Another commit is built.
    expect(run({ BUILD_BUILT: builtEnv([{ commit: "c".repeat(40), tag: "x", digest }]) }).result).toMatchObject({ reason: "BuildFailed" });
  });

  it("builds the Dockerfile in the checkout (here buildah is a stub that fails: BuildFailed)", () => {
    const { result, output } = run({});
    expect(result).toMatchObject({ reason: "BuildFailed" });
    expect(output).toMatch(/buildah bud .* -f \S+\/src\/Dockerfile /);
  });
});
