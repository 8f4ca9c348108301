// The simulated kubelet really runs builder pods: git clone, buildah build and push to the simulated
// Harbor, the output as the pod's log and the result as the termination message.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSim, until, type TestSim } from "../testing.js";
import type { Pod } from "../k8s/objects.js";
import { BUILDER_ANNOTATION } from "./builder.js";

let sim: TestSim;
let repo: string;
const NS = "capstan-builds";

beforeAll(async () => {
  sim = await testSim({ nodes: 3 });
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "sim-repo-"));
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args]);
  git("init", "--quiet", "--initial-branch=main");
  fs.writeFileSync(path.join(repo, "Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n");
  fs.writeFileSync(path.join(repo, "hello.txt"), "hello\n");
  git("add", ".");
  git("commit", "--quiet", "-m", "first");
  const store = sim.clusters[0].store;
  store.create("namespaces", { metadata: { name: NS } });
  const { registry } = sim.dataCentres[0];
  registry.createProject("team", false, -1);
  const auth = Buffer.from(`admin:${registry.password}`).toString("base64");
  store.create("secrets", {
    metadata: { name: "push", namespace: NS },
    type: "kubernetes.io/dockerconfigjson",
    data: { ".dockerconfigjson": Buffer.from(JSON.stringify({ auths: { [registry.host]: { auth } } })).toString("base64") },
  });
}, 30_000);
afterAll(async () => {
  await sim?.stop();
  fs.rmSync(repo, { recursive: true, force: true });
});

/** A builder pod as Capstan's Job makes it (its env and secret volume), created directly. */
function builderPod(name: string, env: Record<string, string>) {
  const { registry } = sim.dataCentres[0];
  sim.clusters[0].store.create("pods", {
    metadata: { name, namespace: NS, annotations: { [BUILDER_ANNOTATION]: "buildah" } },
    spec: {
      restartPolicy: "Never",
      containers: [
        {
          name: "build",
          image: "quay.io/buildah/stable:v1.37",
          env: Object.entries({ BUILD_GIT_URL: `file://${repo}`, BUILD_IMAGE: `${registry.host}/team/web`, ...env }).map(([n, value]) => ({ name: n, value })),
        },
      ],
      volumes: [{ name: "auth", secret: { secretName: "push" } }],
    },
  });
}
const terminated = (name: string) =>
  until(
    () => {
      const p: Pod | undefined = sim.clusters[0].store.get("pods", NS, name);
      return p?.status?.containerStatuses?.[0]?.state?.terminated;
    },
    60_000,
    `${name} to end`,
  );

describe("builder pods", () => {
  it("clone, build and push for real: the digest in the termination message is the registry's, the log is the build's", async () => {
    builderPod("b1", { BUILD_GIT_REF: "main" });
    const t = await terminated("b1");
    expect(t.exitCode, t.message).toBe(0);
    const result = JSON.parse(t.message!);
    const commit = execFileSync("git", ["-C", repo, "rev-parse", "HEAD"]).toString().trim();
    expect(result.commit).toBe(commit);
    expect(result.tag).toBe(commit.slice(0, 7));
    expect(sim.dataCentres[0].registry.repos.get("team/web")?.tags.get(result.tag)?.digest).toBe(result.digest);
    const log = await sim.kubectl(["logs", "-n", NS, "b1"]);
    expect(log.stdout).toContain("buildah");
    expect(log.stdout).toContain(`pushed ${sim.dataCentres[0].registry.host}/team/web:${result.tag}@${result.digest}`);
  }, 90_000);

  it("a missing branch and a missing Dockerfile fail with their reason and the log kept", async () => {
    builderPod("b2", { BUILD_GIT_REF: "nope" });
    builderPod("b3", { BUILD_GIT_REF: "main", BUILD_DOCKERFILE: "build/Dockerfile" });
    const [t2, t3] = await Promise.all([terminated("b2"), terminated("b3")]);
    expect([t2.exitCode, JSON.parse(t2.message!).reason]).toEqual([1, "RefNotFound"]);
    expect([t3.exitCode, JSON.parse(t3.message!).reason]).toEqual([1, "DockerfileMissing"]);
    expect(JSON.parse(t3.message!).commit).toMatch(/^[0-9a-f]{40}$/); // failed after the checkout: the commit is known
    expect((await sim.kubectl(["logs", "-n", NS, "b2"])).stdout).toContain("git could not fetch nope");
  }, 90_000);

  it("a Dockerfile path out of the checkout, by '..' or by a committed symlink, fails before buildah reads the file", async () => {
    // A file of this machine that a build must never read: buildah would echo it in the log as a bad instruction.
    const secret = path.join(os.tmpdir(), `sim-secret-${path.basename(repo)}`);
    fs.writeFileSync(secret, "MACHINE-SECRET-LINE\n");
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args]);
    git("checkout", "--quiet", "-b", "symlinked");
    fs.symlinkSync(secret, path.join(repo, "Linked.Dockerfile"));
    git("add", "Linked.Dockerfile");
    git("commit", "--quiet", "-m", "a Dockerfile that is a symlink out of the repository");
    git("checkout", "--quiet", "main");
    try {
      builderPod("b5", { BUILD_GIT_REF: "symlinked", BUILD_DOCKERFILE: "Linked.Dockerfile" });
      builderPod("b6", { BUILD_GIT_REF: "main", BUILD_DOCKERFILE: path.relative(repo, secret) });
      for (const name of ["b5", "b6"]) {
        const t = await terminated(name);
        expect([t.exitCode, JSON.parse(t.message!).reason], name).toEqual([1, "DockerfileMissing"]);
        expect((await sim.kubectl(["logs", "-n", NS, name])).stdout).not.toContain("MACHINE-SECRET-LINE");
      }
    } finally {
      fs.rmSync(secret, { force: true });
    }
  }, 90_000);

  it("a ref that looks like a git option is a ref, not an option", async () => {
    const marker = path.join(repo, "..", `pwned-${path.basename(repo)}`);
    builderPod("b4", { BUILD_GIT_REF: `--upload-pack=touch ${marker}` });
    const t = await terminated("b4");
    expect(t.exitCode).toBe(1);
    expect(fs.existsSync(marker)).toBe(false);
  }, 90_000);
});
