// The build Job is a valid batch/v1 Job on cicd nodes, and its termination message is read strictly.
import { Job } from "kubernetes-models/batch/v1";
import { describe, expect, it } from "vitest";
import { BUILD_NAMESPACE, BUILDER_ANNOTATION, buildJob, buildResult } from "./build-job";

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
