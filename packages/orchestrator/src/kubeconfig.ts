// Reading an uploaded kubeconfig into the structure the Kubernetes client uses, with nothing that could
// make the client run a program, open a file or go through a proxy. Capstan parses the text itself and
// hands the client only allow-listed fields (KubeConfig.loadFromOptions): the client never re-parses
// the text, so no other YAML reading of it (js-yaml merges `<<` keys, the `yaml` package does not) can
// smuggle a field past the check. Field names are those of client-go's clientcmd v1 types.
import type { Cluster, Context, User } from "@kubernetes/client-node";
import { isAlias, isNode, isPair, isScalar, parseDocument, visit } from "yaml";

/** The inline fields Capstan passes on; kubeconfig name → client-node name. */
const CLUSTER_FIELDS = {
  server: "server",
  "certificate-authority-data": "caData",
  "insecure-skip-tls-verify": "skipTLSVerify",
  "tls-server-name": "tlsServerName",
} as const;
const USER_FIELDS = {
  token: "token",
  "client-certificate-data": "certData",
  "client-key-data": "keyData",
  username: "username",
  password: "password",
} as const;
const CONTEXT_FIELDS = { cluster: "cluster", user: "user", namespace: "namespace" } as const;
const TOP_FIELDS = new Set(["apiVersion", "kind", "clusters", "users", "contexts", "current-context", "preferences", "extensions"]);
/** Inert metadata that kubectl and minikube write; read by no client, so dropped rather than refused. */
const IGNORED = new Set(["extensions"]);

/** Why a kubeconfig cannot be used; `message` names the field, e.g. `users[0].user.exec`. */
export class KubeconfigError extends Error {}

/** The parts of a kubeconfig Capstan uses, in client-node's shapes (KubeConfig.loadFromOptions). */
export interface InlineKubeconfig {
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  currentContext: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Refuses anchors, aliases and merge keys anywhere: a kubeconfig has no use for them, and each is a way for one reading of the text to differ from another. */
function refuseIndirection(doc: ReturnType<typeof parseDocument>): void {
  visit(doc, (_key, node, path) => {
    const where =
      path
        .filter((p) => isPair(p) && isScalar(p.key))
        .map((p) => String((p as { key: { value: unknown } }).key.value))
        .join(".") || "the top level";
    if (isAlias(node)) throw new KubeconfigError(`uses a YAML alias (*${node.source}) at ${where}; anchors, aliases and merge keys are not accepted`);
    if (isNode(node) && node.anchor)
      throw new KubeconfigError(`uses a YAML anchor (&${node.anchor}) at ${where}; anchors, aliases and merge keys are not accepted`);
    if (isPair(node) && isScalar(node.key) && node.key.value === "<<")
      throw new KubeconfigError(`uses a YAML merge key (<<) at ${where}; anchors, aliases and merge keys are not accepted`);
  });
}

function copy<M extends Record<string, string>>(entry: unknown, where: string, fields: M, types: Partial<Record<keyof M, "boolean">>, advice: string): Obj {
  if (!isObj(entry)) throw new KubeconfigError(`has ${where}, which is not a mapping`);
  const out: Obj = {};
  for (const [k, v] of Object.entries(entry)) {
    if (IGNORED.has(k)) continue;
    if (!Object.hasOwn(fields, k)) throw new KubeconfigError(`uses ${where}.${k}, which is not allowed: ${advice}`);
    if (typeof v !== (types[k] ?? "string")) throw new KubeconfigError(`has ${where}.${k}, which must be a ${types[k] ?? "string"}`);
    out[fields[k]!] = v;
  }
  return out;
}

function entries(doc: Obj, list: "clusters" | "users" | "contexts", inner: "cluster" | "user" | "context"): { name: string; body: unknown; where: string }[] {
  const value = doc[list] ?? [];
  if (!Array.isArray(value)) throw new KubeconfigError(`has ${list}, which is not a list`);
  return value.map((e, i) => {
    const where = `${list}[${i}]`;
    if (!isObj(e)) throw new KubeconfigError(`has ${where}, which is not a mapping`);
    for (const k of Object.keys(e)) if (k !== "name" && k !== inner && !IGNORED.has(k)) throw new KubeconfigError(`uses ${where}.${k}, which is not allowed`);
    if (typeof e.name !== "string" || !e.name) throw new KubeconfigError(`has ${where} without a name`);
    return { name: e.name, body: e[inner] ?? {}, where: `${where}.${inner}` };
  });
}

/**
 * Parses kubeconfig text into inline clusters, users and contexts. Throws KubeconfigError naming the
 * field for invalid YAML, anchors/aliases/merge keys, and any field outside the allow-list: exec,
 * auth-provider, every file field (certificate-authority, client-certificate, client-key, tokenFile),
 * proxy-url, impersonation (as, as-groups, …) and anything unknown.
 */
export function parseInlineKubeconfig(text: string): InlineKubeconfig {
  const doc = parseDocument(text, { merge: false, uniqueKeys: true, schema: "core", prettyErrors: false });
  if (doc.errors.length > 0) throw new KubeconfigError(`is not a valid kubeconfig: ${doc.errors[0]!.message.split("\n")[0]}`);
  refuseIndirection(doc);
  const top: unknown = doc.toJS({ maxAliasCount: 0 });
  if (!isObj(top)) throw new KubeconfigError("is not a valid kubeconfig: it is not a mapping");
  for (const k of Object.keys(top)) if (!TOP_FIELDS.has(k)) throw new KubeconfigError(`uses ${k}, which is not allowed`);
  const clusters = entries(top, "clusters", "cluster").map((e) => ({
    name: e.name,
    skipTLSVerify: false,
    ...copy(
      e.body,
      e.where,
      CLUSTER_FIELDS,
      { "insecure-skip-tls-verify": "boolean" },
      "only inline cluster settings (server, certificate-authority-data, insecure-skip-tls-verify, tls-server-name) are accepted",
    ),
  })) as Cluster[];
  const users = entries(top, "users", "user").map((e) => ({
    name: e.name,
    ...copy(e.body, e.where, USER_FIELDS, {}, "only inline credentials (token, client-certificate-data, client-key-data, username and password) are accepted"),
  })) as User[];
  const contexts = entries(top, "contexts", "context").map((e) => ({
    name: e.name,
    ...copy(e.body, e.where, CONTEXT_FIELDS, {}, "a context names a cluster, a user and a namespace"),
  })) as Context[];
  const currentContext = top["current-context"];
  if (typeof currentContext !== "string" || !currentContext) throw new KubeconfigError("has no current-context");
  return { clusters, users, contexts, currentContext };
}
