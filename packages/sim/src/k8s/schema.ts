// Validation against the official OpenAPI schemas shipped by `kubernetes-models` (ajv under the hood).
// Applied to client writes only; controller writes are trusted. Type/required/enum/format errors
// become 422 Invalid with one cause per schema error.
import type { AdmissionCtx } from "./store.js";
import { invalid, type Cause } from "./errors.js";
import { groupVersions } from "./resources.js";
import { isObj, type JsonObject } from "./objects.js";

/** A kubernetes-models model class: `validate()` throws with ajv's `errors` when the object breaks its schema. */
type Model = new (o: unknown) => { validate(): void };
/** The fields of an ajv validation error read here. */
interface SchemaError {
  instancePath: string;
  keyword: string;
  params: { missingProperty?: string };
  message?: string;
}
const models = new Map<string, Model>(); // "group/version/Kind"
let loaded: Promise<void> | undefined;

/** Load the model classes for every served group-version (once per process). */
export function loadSchemas(): Promise<void> {
  loaded ??= (async () => {
    for (const gv of groupVersions()) {
      const mod: Record<string, unknown> = await import(`kubernetes-models/${gv.group ? `${gv.group}/` : ""}${gv.version}`);
      for (const d of gv.resources) if (typeof mod[d.kind] === "function") models.set(`${d.group}/${d.version}/${d.kind}`, mod[d.kind] as Model);
    }
  })();
  return loaded;
}

/** JSON null means "unset" to the API server; the schemas disagree, so drop nulls first. */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (isObj(v)) {
    const o: JsonObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) o[k] = dropNulls(x);
    return o;
  }
  return v;
}

const fieldPath = (p: string) =>
  p
    .replace(/^\//, "")
    .split("/")
    .filter(Boolean)
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : `${i ? "." : ""}${s.replace(/~1/g, "/").replace(/~0/g, "~")}`))
    .join("");

export function schemaValidate(ctx: AdmissionCtx) {
  if (!ctx.fromClient || ctx.op === "delete" || ctx.subresource === "status") return;
  const d = ctx.def;
  const M = models.get(`${d.group}/${d.version}/${d.kind}`);
  if (!M) return;
  const { status: _status, ...rest } = ctx.obj;
  const obj = dropNulls(rest);
  try {
    new M(obj).validate();
  } catch (e) {
    const errs: SchemaError[] = (isObj(e) ? (e.errors as SchemaError[] | undefined) : undefined) ?? [];
    if (!errs.length) return;
    const get = (p: string) =>
      p
        .split("/")
        .filter(Boolean)
        .reduce<unknown>((a, k) => (a == null ? undefined : (a as Record<string, unknown>)[k]), obj);
    const causes: Cause[] = errs.slice(0, 10).map((x) => {
      const field = fieldPath(x.instancePath + (x.keyword === "required" ? `/${x.params.missingProperty}` : ""));
      return x.keyword === "required"
        ? { field, reason: "FieldValueRequired", message: "Required value" }
        : { field, reason: "FieldValueInvalid", message: `Invalid value: ${JSON.stringify(get(x.instancePath))}: ${x.message}` };
    });
    throw invalid(d.group, d.kind, ctx.obj.metadata?.name ?? "", causes);
  }
}
