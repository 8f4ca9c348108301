import { z } from "zod";
import { SINGLE_LINE, singleLine } from "./text";

// Names users give become names in other systems, each with its own rules; a name is accepted only if
// it is valid everywhere it goes (docs/names.md). Sources: Kubernetes "Object Names and IDs" and
// k8s.io/apimachinery/pkg/util/validation; Harbor src/pkg/project/manager.go; distribution/reference.

/** Kubernetes DNS-1123 label (apimachinery IsDNS1123Label): a namespace, a container name, a label value. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Kubernetes DNS-1035 label (apimachinery IsDNS1035Label), the rule for Service names: a DNS-1123 label starting with a letter. */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Harbor project names (goharbor/harbor src/pkg/project/manager.go, restrictedNameChars): no two separators in a row. */
export const HARBOR_PROJECT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

export const dnsLabel = z
  .string({ error: "must be a string" })
  .min(1, "is required")
  .max(63, "must be at most 63 characters")
  .refine((s) => DNS_LABEL.test(s), {
    error: "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit",
    params: { reason: "not_dns_label" },
  });

/**
 * The longest "<application>-<group>", the name of a group's Deployment and Service. The ReplicaSet is
 * the Deployment's name + "-" + a pod-template hash of up to 10 characters, and its pods are named by
 * generateName, which cuts the prefix (ReplicaSet name + "-") to 58 characters before adding 5 random
 * ones (apiserver/pkg/storage/names): 46 + 1 + 10 + 1 = 58, and past 46 characters pods lose the end of
 * their group's name.
 */
export const GROUP_OBJECT_NAME_MAX = 46;

/**
 * Why a system may not have this name although it is well formed, or undefined: the name is one that a
 * later layer keeps for itself, so a system by that name would take over (and, on deletion, delete)
 * objects that are not Capstan's.
 * - Kubernetes: `default` and every `kube-` namespace (kube-system, kube-public, kube-node-lease). The
 *   Kubernetes docs ("Namespaces") reserve the `kube-` prefix for system namespaces, and the API server's
 *   NamespaceLifecycle admission refuses to delete default, kube-system and kube-public.
 * - Harbor: `library`, the public project every Harbor installation starts with.
 * - Capstan: `capstan-`, kept for the platform's own namespaces (builds, balancers).
 */
export function reservedSystemName(name: string): string | undefined {
  if (name === "default" || name.startsWith("kube-"))
    return "is reserved: Kubernetes keeps the namespaces default and kube-* for itself, and a system's name becomes a namespace";
  if (name === "library") return "is reserved: library is Harbor's built-in public project, and a system's name becomes a Harbor project";
  if (name.startsWith("capstan-")) return "is reserved: Capstan keeps the namespaces capstan-* for the platform itself";
  return undefined;
}

/** A system's name: its namespace in every cluster (DNS-1123 label) and its Harbor project in every data centre. */
export const systemName = dnsLabel
  .refine((s) => !DNS_LABEL.test(s) || HARBOR_PROJECT_NAME.test(s), {
    error: "must not have two '-' in a row: it becomes the system's Harbor project, and Harbor refuses such project names",
    params: { reason: "not_harbor_project_name" },
  })
  .superRefine((s, ctx) => {
    const reserved = reservedSystemName(s);
    if (reserved) ctx.addIssue({ code: "custom", message: reserved, params: { reason: "name_reserved", name: s } });
  });

/**
 * The start of a load balancer's Kubernetes objects in its system's namespace: its ConfigMap, Deployment and
 * Service are `lb-<name>` and its pods `lb-<name>-<hash>-<suffix>` (lbObjectName). Groups' objects,
 * `<application>-<group>`, must never begin with it, or a group could take over a balancer's Deployment and
 * Service (application "lb", group "front" against balancer "front"): so no application is named `lb` or
 * `lb-…`, and no group object begins with it (groupNameProblem, for applications named before this rule).
 */
export const LB_OBJECT_PREFIX = "lb-";
const LB_RESERVED =
  "is reserved: a load balancer's objects are named lb-<name> in the system's namespace, and this application's groups' objects <application>-<group> would begin with lb- too";

/**
 * An application's name: a container name and label value (DNS-1123 label), a repository in its system's
 * Harbor project (distribution's path component, which a DNS-1123 label always is), and the start of its
 * groups' Service names "<application>-<group>" (DNS-1035 labels: a letter first; room for "-" and one
 * character within GROUP_OBJECT_NAME_MAX).
 */
export const applicationName = dnsLabel
  .refine((s) => !DNS_LABEL.test(s) || DNS_1035_LABEL.test(s), {
    error: "must start with a letter: its groups' Kubernetes Services are named <application>-<group>, and Service names are DNS-1035 labels",
    params: { reason: "not_dns_1035_label" },
  })
  .refine((s) => s.length <= GROUP_OBJECT_NAME_MAX - 2, {
    error: `must be at most ${GROUP_OBJECT_NAME_MAX - 2} characters: its groups' Deployments are named <application>-<group>, and past ${GROUP_OBJECT_NAME_MAX} characters Kubernetes cuts their pods' names short`,
    params: { reason: "application_name_too_long", maximum: GROUP_OBJECT_NAME_MAX - 2 },
  })
  .refine((s) => s !== LB_OBJECT_PREFIX.slice(0, -1) && !s.startsWith(LB_OBJECT_PREFIX), { error: LB_RESERVED, params: { reason: "name_reserved" } });

/**
 * The longest Harbor host (with its port) a data centre may have: pods pull "<host>/<system>/<application>",
 * and distribution/reference refuses image names over 255 characters (NameTotalLengthMax), so the host
 * leaves room for the longest system (63) and application (GROUP_OBJECT_NAME_MAX - 2) names.
 */
export const REGISTRY_HOST_MAX = 255 - (1 + 63 + 1 + (GROUP_OBJECT_NAME_MAX - 2));

/**
 * Why a data centre's Harbor URL (already a valid http(s) URL) cannot be used, or undefined: its host
 * goes into every image name (at most REGISTRY_HOST_MAX characters) and is looked up in DNS (labels of
 * at most 63 characters, RFC 1035).
 */
export function registryHostProblem(url: string): string | undefined {
  const { host, hostname } = new URL(url);
  if (host.length > REGISTRY_HOST_MAX)
    return `must have a host of at most ${REGISTRY_HOST_MAX} characters: image names <host>/<system>/<application> must be at most 255 characters`;
  if (!hostname.startsWith("[") && hostname.split(".").some((label) => label.length > 63))
    return "must have a host whose DNS labels are at most 63 characters each";
  return undefined;
}

/**
 * Why a group (a valid DNS-1123 label) cannot be named `group` in `application`, or undefined when it
 * can: its Deployment and Service "<application>-<group>" must be a DNS-1035 label (Service names) of at
 * most GROUP_OBJECT_NAME_MAX characters (pod names), not beginning with LB_OBJECT_PREFIX (a load balancer's).
 * The rule depends on the application's name.
 */
export function groupNameProblem(application: string, group: string): string | undefined {
  const name = `${application}-${group}`;
  if (name.length > GROUP_OBJECT_NAME_MAX)
    return `is too long for application "${application}": its Deployment and Service "${name}" would be ${name.length} characters, and past ${GROUP_OBJECT_NAME_MAX} Kubernetes cuts their pods' names short`;
  if (!DNS_1035_LABEL.test(name)) return `cannot be used: its Service "${name}" would not be a DNS-1035 label, which Kubernetes requires of Service names`;
  if (name.startsWith(LB_OBJECT_PREFIX))
    return `cannot be used in application "${application}": its Deployment and Service "${name}" would begin with ${LB_OBJECT_PREFIX}, as load balancers' objects lb-<name> in the system's namespace do`;
  return undefined;
}

export const displayName = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters").refine(singleLine, SINGLE_LINE);
export const description = z.string().max(2000, "must be at most 2000 characters");
export const email = z
  .email("must be an email address")
  .max(254)
  .transform((s) => s.toLowerCase());

/** A UUID as PostgreSQL's uuid type reads it (8-4-4-4-12 hex digits): anything else names no row. */
export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

// distribution/reference regexp.go (the grammar Docker, Podman, containerd and Kubernetes accept):
// name components, an optional registry host with port, then ":tag" and/or "@digest".
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const REGISTRY_HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const IMAGE_NAME = `(?:${REGISTRY_HOST}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const IMAGE_REFERENCE = new RegExp(`^(${IMAGE_NAME})(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

/**
 * A full image reference, "[host[:port]/]path[:tag][@digest]", as distribution/reference parses it
 * (ReferenceRegexp; names at most 255 characters, NameTotalLengthMax). E.g. "quay.io/buildah/stable:v1.37".
 */
export const imageReference = z
  .string({ error: "must be a string" })
  .min(1, "is required")
  .max(500, "must be at most 500 characters")
  .refine((s) => (IMAGE_REFERENCE.exec(s)?.[1]?.length ?? 256) <= 255, {
    error: "must be an image reference: [registry[:port]/]repository[:tag][@digest], e.g. quay.io/buildah/stable:v1.37",
    params: { reason: "not_image_reference" },
  });
