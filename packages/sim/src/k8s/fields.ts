// Server-side field validation (KEP-2885, GA in 1.27): fields a kind's schema does not declare. With the
// request's `fieldValidation=Strict` (what kubectl sends by default) the write is refused with a 400
// ("strict decoding error: unknown field …"); with `Warn` (the server's default) it goes through with a
// `Warning` header per field; with `Ignore`, silently. Which fields exist comes from the official OpenAPI
// component schemas the simulator also serves (openapi.ts).
import { badRequest } from "./errors.js";
import { isObj } from "./objects.js";
import { defName, schemas } from "./openapi.js";
import type { ResourceDef } from "./resources.js";

/** One schema node, as far as the walk reads it. */
interface Node {
  $ref?: string;
  allOf?: Node[];
  type?: string;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
}

function resolve(n: Node | undefined): Node | undefined {
  for (let i = 0; n && i < 32; i++) {
    const ref = n.$ref ?? n.allOf?.find((x) => x.$ref)?.$ref;
    if (!ref) return n;
    n = schemas()[ref.split("/").pop()!] as Node | undefined;
  }
  return n;
}

function walk(value: unknown, node: Node | undefined, path: string, out: string[]) {
  const n = resolve(node);
  if (!n || n["x-kubernetes-preserve-unknown-fields"]) return;
  if (Array.isArray(value)) {
    if (n.items) value.forEach((v, i) => walk(v, n.items, `${path}[${i}]`, out));
    return;
  }
  if (!isObj(value)) return; // a wrong type is the schema validator's to report
  if (n.properties) {
    for (const [k, v] of Object.entries(value)) {
      // strategic-merge-patch directives ($patch, $setElementOrder/…, $retainKeys …) are not fields
      if (k.startsWith("$")) continue;
      const p = path ? `${path}.${k}` : k;
      if (k in n.properties) walk(v, n.properties[k], p, out);
      else out.push(p);
    }
  } else if (isObj(n.additionalProperties)) {
    for (const [k, v] of Object.entries(value)) walk(v, n.additionalProperties as Node, `${path}[${k}]`, out);
  }
}

/** Paths of the fields in `obj` that the kind's schema does not declare (`spec.template.spec.containers[0].foo`). */
export function unknownFields(d: ResourceDef, obj: unknown): string[] {
  const root = schemas()[defName(d)] as Node | undefined;
  if (!root) return [];
  const out: string[] = [];
  walk(obj, root, "", out);
  return out;
}

/**
 * Applies the request's field validation directive to a client's object (or patch) before it is written.
 *
 * @returns the warnings to send (`unknown field "…"`) when the directive is Warn (or absent).
 * @throws ApiError 400 BadRequest, as the API server's strict decoder words it, when the directive is Strict
 *   and a field is unknown; 400 for a directive that is none of Strict, Warn, Ignore.
 */
export function fieldValidation(d: ResourceDef, obj: unknown, directive: string | null): string[] {
  const mode = directive ?? "Warn";
  if (!["Strict", "Warn", "Ignore"].includes(mode)) throw badRequest(`fieldValidation parameter unsupported: ${mode}, must be one of Ignore, Warn, Strict`);
  if (mode === "Ignore") return [];
  const unknown = unknownFields(d, obj).map((p) => `unknown field "${p}"`);
  if (unknown.length && mode === "Strict")
    throw badRequest(`${d.kind} in version "${d.version}" cannot be handled as a ${d.kind}: strict decoding error: ${unknown.join(", ")}`);
  return unknown;
}
