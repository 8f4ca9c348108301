// Object names as the API server checks them: k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label,
// IsDNS1123Subdomain, IsDNS1035Label) with its wording, one message per rule broken. Which kind uses
// which rule is k8s.io/kubernetes/pkg/apis/core/validation: Namespace → ValidateNamespaceName
// (DNS-1123 label), Service → ValidateServiceName (DNS-1035 label), most others a DNS-1123 subdomain.
// No imports, so other packages' tests can hold their names against it.

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const whole = (fmt: string) => new RegExp(`^${fmt}$`);
const DNS1123_LABEL = whole(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN = whole(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL = whole(DNS1035_LABEL_FMT);

/** apimachinery's MaxLenError. */
const maxLenError = (n: number) => `must be no more than ${n} characters`;
/** apimachinery's RegexError: the message, examples and the regular expression. */
const regexError = (msg: string, fmt: string, ...examples: string[]) =>
  `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${fmt}')`;

const check = (value: string, max: number, re: RegExp, error: string) => [
  ...(value.length > max ? [maxLenError(max)] : []),
  ...(re.test(value) ? [] : [error]),
];

/** Problems with a DNS-1123 label (RFC 1123): at most 63 characters of [a-z0-9-], alphanumeric at both ends. */
export const isDNS1123Label = (v: string) =>
  check(
    v,
    63,
    DNS1123_LABEL,
    regexError(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
      DNS1123_LABEL_FMT,
      "my-name",
      "123-abc",
    ),
  );

/** Problems with a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels. */
export const isDNS1123Subdomain = (v: string) =>
  check(
    v,
    253,
    DNS1123_SUBDOMAIN,
    regexError(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      DNS1123_SUBDOMAIN_FMT,
      "example.com",
    ),
  );

/** Problems with a DNS-1035 label (RFC 1035): as a DNS-1123 label, but starting with a letter. */
export const isDNS1035Label = (v: string) =>
  check(
    v,
    63,
    DNS1035_LABEL,
    regexError(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
      DNS1035_LABEL_FMT,
      "my-name",
      "abc-123",
    ),
  );

// Kinds outside the subdomain rule. RBAC and events allow path-segment names (no '/' or '%').
const NAME_RULE: Record<string, (v: string) => string[]> = { Namespace: isDNS1123Label, Service: isDNS1035Label };
const PATH_KINDS = new Set(["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "Event"]);
const pathSegment = (v: string) => (/[/%]/.test(v) || v === "." || v === ".." ? ["may not contain '/' or '%'"] : []);

/** A label value (apimachinery IsValidLabelValue): empty, or at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends. */
export const isValidLabelValue = (v: string) => v.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v);

const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME = whole(QUALIFIED_NAME_FMT);
const qualifiedNameError = regexError(
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  QUALIFIED_NAME_FMT,
  "MyName",
  "my.name",
  "123-abc",
);

/** Problems with a label key (apimachinery IsQualifiedName): [DNS-1123 subdomain prefix "/"] name of at most 63 characters. */
export function qualifiedNameProblems(key: string): string[] {
  const parts = key.split("/");
  if (parts.length > 2) return [`a qualified name ${qualifiedNameError} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const name = parts[parts.length - 1]!;
  const prefix = parts.length === 2 ? parts[0]! : undefined;
  const out: string[] = [];
  if (prefix === "") out.push("prefix part must be non-empty");
  else if (prefix !== undefined) out.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  if (name === "") out.push("name part must be non-empty");
  else if (name.length > 63) out.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME.test(name)) out.push(`name part ${qualifiedNameError}`);
  return out;
}

/** The API server's problems with an object name of this kind (empty when it is valid). */
export const nameProblems = (kind: string, name: string) => (PATH_KINDS.has(kind) ? pathSegment : (NAME_RULE[kind] ?? isDNS1123Subdomain))(name);

/**
 * The name the API server gives an object created with generateName: the prefix, cut to 58 characters,
 * plus 5 random ones (apiserver/pkg/storage/names SimpleNameGenerator: maxNameLength 63 - randomLength 5).
 */
export const generateName = (base: string, random: string) => `${base.slice(0, 63 - 5)}${random.slice(0, 5)}`;
