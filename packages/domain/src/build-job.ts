// An image build as Kubernetes objects (docs/builds.md): a Job in the platform namespace `capstan-builds`
// on the data centre's cicd nodes, whose one container clones, builds with buildah and pushes with a
// short-lived credential from a Secret, and reports the commit, tag and digest the Kubernetes way: in its
// termination message (/dev/termination-log), read back from the pod's status.
import { LABEL, MANAGED, type Manifest, ZONE_LABEL, ZONE_TAINT } from "./manifests";

/** The namespace every build Job runs in, in every cluster that builds. */
export const BUILD_NAMESPACE = "capstan-builds";
/** Marks a builder pod; the simulator's kubelet runs such pods for real (docs/simulator.md). */
export const BUILDER_ANNOTATION = "build.capstan.io/builder";
/** The build a Job or pod belongs to (the Build row's id). */
export const BUILD_LABEL = "build.capstan.io/id";
/** Where the push credential (a dockerconfigjson) is mounted in the builder container. */
const AUTH_DIR = "/var/run/capstan/auth";
/** How long a build may run, in seconds (the Job's activeDeadlineSeconds): then Kubernetes stops it. */
export const BUILD_DEADLINE_SECONDS = 1800;

/**
 * The builder container's script, for a builder image with `sh`, `git` and `buildah` (buildah's own image
 * has all three). It writes `{commit, tag, digest}` (success) or `{reason, message}` (failure) as JSON to
 * the termination message (a failure after the checkout also names the `commit`). The inputs are env vars, never spliced into the script, so no ref or path can
 * inject a command; "--" keeps a URL or ref that starts with "-" from being read as a git option. The Dockerfile
 * must be a file in the checkout once symlinks are followed (`realpath`, GNU coreutils): a path with ".." or a
 * committed symlink would have buildah read, and echo into the log, a file of the pod such as its push credential.
 * A commit listed in BUILD_BUILT (see BuildJobSpec.built) is not built again: its image is reported, `reused`.
 */
export const BUILD_SCRIPT = `set -u
fail() { printf '{"reason":"%s","message":"%s","commit":"%s"}' "$1" "$2" "\${commit:-}" > /dev/termination-log; echo "$2" >&2; exit 1; }
cd /tmp
git init --quiet src || fail CloneFailed "git could not make the checkout"
if ! git -C src fetch --quiet --depth 1 -- "$BUILD_GIT_URL" "$BUILD_GIT_REF" 2>/tmp/fetch.err; then
  cat /tmp/fetch.err >&2
  grep -qiE "couldn't find remote ref|not our ref|unadvertised" /tmp/fetch.err && fail RefNotFound "no $BUILD_GIT_REF in the repository"
  fail CloneFailed "git could not fetch $BUILD_GIT_REF"
fi
git -C src checkout --quiet FETCH_HEAD || fail CloneFailed "git could not check out $BUILD_GIT_REF"
commit=$(git -C src rev-parse HEAD)
reused=$(printf '%s\n' "\${BUILD_BUILT:-}" | grep -m 1 "^$commit ") || true
if [ -n "$reused" ]; then
  set -- $reused
  echo "$commit was built before with this Dockerfile, as $2@$3: not built again"
  printf '{"commit":"%s","tag":"%s","digest":"%s","reused":true}' "$1" "$2" "$3" > /dev/termination-log
  exit 0
fi
tag=\${BUILD_TAG:-$(printf %s "$commit" | cut -c1-7)}
root=$(realpath src)
dockerfile=$(realpath -e "src/$BUILD_DOCKERFILE" 2>/dev/null) && [ -f "$dockerfile" ] || fail DockerfileMissing "no $BUILD_DOCKERFILE in $BUILD_GIT_REF"
case "$dockerfile" in "$root"/*) ;; *) fail DockerfileMissing "the Dockerfile path leaves the repository" ;; esac
buildah bud --storage-driver vfs --isolation chroot --layers=false -f "$dockerfile" -t "$BUILD_IMAGE:$tag" "src/$BUILD_CONTEXT" || fail BuildFailed "the build failed"
buildah push --storage-driver vfs --authfile ${AUTH_DIR}/auth.json --digestfile /tmp/digest "$BUILD_IMAGE:$tag" "docker://$BUILD_IMAGE:$tag" || fail PushFailed "the push failed"
printf '{"commit":"%s","tag":"%s","digest":"%s"}' "$commit" "$tag" "$(cat /tmp/digest)" > /dev/termination-log
`;

/** What a build Job needs to know. */
export interface BuildJobSpec {
  /** The Build row's id: names the Job (`build-<id>`) and labels it. */
  buildId: string;
  system: string;
  application: string;
  gitRepository: string;
  /** Branch, tag or commit SHA. */
  gitRef: string;
  /** From the repository root. */
  contextDir: string;
  /** From the repository root, as `docker build -f`. */
  dockerfilePath: string;
  /** `<registry host>/<system>/<app>`, without a tag. */
  image: string;
  /** Null: the short commit SHA. */
  tag: string | null;
  /** The data centre's builder image. */
  builderImage: string;
  /** The Secret (kubernetes.io/dockerconfigjson) holding the push credential. */
  secretName: string;
  /**
   * Images already built from this repository with the same Dockerfile, context and data centre (and tag,
   * when one is asked), newest first: a ref that resolves to one of these commits reports that image
   * instead of building it again (the same commit and Dockerfile are built once, docs/builds.md).
   */
  built?: { commit: string; tag: string; digest: string }[];
}

/** BUILD_BUILT: one "<commit> <tag> <digest>" line per image already built (the three never hold a space). */
export const builtEnv = (built: BuildJobSpec["built"] = []) => built.map((b) => `${b.commit} ${b.tag} ${b.digest}`).join("\n");

/** The Job's (and its push Secret's) name for a build. */
export const buildJobName = (buildId: string) => `build-${buildId}`;

/** The build Job: cicd nodes (node selector + toleration of their taint), no retries, a deadline, gone 10 min after it ends. */
export function buildJob(b: BuildJobSpec): Manifest {
  const labels = { ...MANAGED, [LABEL.system]: b.system, [LABEL.application]: b.application, [BUILD_LABEL]: b.buildId };
  const env = {
    BUILD_GIT_URL: b.gitRepository,
    BUILD_GIT_REF: b.gitRef,
    BUILD_CONTEXT: b.contextDir,
    BUILD_DOCKERFILE: b.dockerfilePath,
    BUILD_IMAGE: b.image,
    BUILD_TAG: b.tag ?? "",
    BUILD_BUILT: builtEnv(b.built),
  };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: buildJobName(b.buildId), namespace: BUILD_NAMESPACE, labels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: BUILD_DEADLINE_SECONDS,
      ttlSecondsAfterFinished: 600,
      template: {
        metadata: { labels, annotations: { [BUILDER_ANNOTATION]: "buildah" } },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          nodeSelector: { [ZONE_LABEL]: "cicd" },
          tolerations: [{ key: ZONE_TAINT, operator: "Equal", value: "cicd", effect: "NoSchedule" }],
          containers: [
            {
              name: "build",
              image: b.builderImage,
              command: ["/bin/sh", "-c", BUILD_SCRIPT],
              env: Object.entries(env).map(([name, value]) => ({ name, value })),
              terminationMessagePath: "/dev/termination-log",
              terminationMessagePolicy: "File",
              resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } },
              volumeMounts: [{ name: "auth", mountPath: AUTH_DIR, readOnly: true }],
            },
          ],
          volumes: [{ name: "auth", secret: { secretName: b.secretName, items: [{ key: ".dockerconfigjson", path: "auth.json" }] } }],
        },
      },
    },
  };
}

/** What the builder reported in its termination message (`reused`: an image built before); null when it is not one of the two shapes. */
export function buildResult(
  message: string | undefined,
): { commit: string; tag: string; digest: string; reused?: true } | { reason: string; message: string; commit?: string } | null {
  if (!message) return null;
  try {
    const r = JSON.parse(message) as Record<string, unknown>;
    if (typeof r.digest === "string" && /^sha256:[0-9a-f]{64}$/.test(r.digest) && typeof r.commit === "string" && typeof r.tag === "string")
      return { commit: r.commit, tag: r.tag, digest: r.digest, ...(r.reused === true ? { reused: true as const } : {}) };
    if (typeof r.reason === "string" && /^[A-Z][A-Za-z]{0,40}$/.test(r.reason)) {
      const commit = typeof r.commit === "string" && /^[0-9a-f]{40}$/.test(r.commit) ? r.commit : undefined;
      return { reason: r.reason, message: String(r.message ?? "").slice(0, 500), ...(commit ? { commit } : {}) };
    }
  } catch {
    /* not JSON: the builder died before writing it */
  }
  return null;
}
