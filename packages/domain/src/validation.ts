import { z } from "zod";
import { type ErrorParams, FIELD_REASONS, type FieldReason, renderFieldReason } from "./error-reasons";
import { domainError, fieldError, type FieldProblems } from "./errors";
import { textFaults } from "./text";

/** Issue properties that are not params: where and what it is, and the input (which may be a secret). */
const NOT_PARAMS = new Set(["code", "path", "message", "input", "keys", "errors", "issues", "params", "inst", "continue"]);

/**
 * A zod issue's params: its own properties that are plain values (minimum, maximum, inclusive, origin,
 * expected, format, divisor, values …), lists joined with ", ", and for a custom issue what its
 * refinement passed in `params`. Never the input, which may be a password.
 */
function issueParams(issue: z.core.$ZodIssue | z.core.$ZodRawIssue): ErrorParams {
  const params: ErrorParams = {};
  const own = Object.entries(issue).filter(([k]) => !NOT_PARAMS.has(k));
  const custom = issue.code === "custom" ? Object.entries(issue.params ?? {}).filter(([k]) => k !== "reason") : [];
  for (const [k, v] of [...own, ...custom]) {
    if (typeof v === "string" || typeof v === "number") params[k] = v;
    else if (typeof v === "bigint" || typeof v === "boolean") params[k] = String(v);
    else if (Array.isArray(v) && v.every((x) => ["string", "number", "bigint", "boolean"].includes(typeof x))) params[k] = v.join(", ");
  }
  return params;
}

/**
 * The field reason of a zod issue: its code (too_small, invalid_type …, all in FIELD_REASONS), or for
 * a custom issue the `reason` its refinement passed in `params` when the catalogue has it.
 */
function issueReason(issue: z.core.$ZodIssue | z.core.$ZodRawIssue): FieldReason {
  const named = issue.code === "custom" ? (issue.params?.reason as string | undefined) : issue.code;
  return named !== undefined && named in FIELD_REASONS ? (named as FieldReason) : "custom";
}

/**
 * The wording of an issue whose schema words none of its own: the catalogue's English for the issue's
 * reason and params (FIELD_REASONS: "must be one of haproxy, nginx", "must be object"), so that every
 * route's `message` and `fields` are the catalogue's text (which the portal translates by the same reason
 * and params), never zod's locale text ('Invalid option: expected one of "haproxy"|"nginx"'). Undefined
 * (zod's own text) for a reason the catalogue lacks or whose template needs a param the issue has not.
 */
export function catalogueWording(issue: z.core.$ZodRawIssue): string | undefined {
  const reason = issueReason(issue);
  if (reason === "custom") return undefined;
  try {
    return renderFieldReason(reason, issueParams(issue));
  } catch {
    return undefined;
  }
}
// For every parse, wherever it happens (zod's precedence: a schema's own error, then a parse's, then this).
z.config({ customError: catalogueWording });

/**
 * Field path → why the first issue there was refused, e.g. { "name": { reason: "invalid_format",
 * params: { format: "regex", … }, message: "must be a DNS-1123 label: …" } }: the message is the
 * schema's own wording, the reason and params come from the issue.
 */
export function fieldProblems(error: z.ZodError, input: unknown): FieldProblems {
  const fields: FieldProblems = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] = fieldError("unknown_field");
      continue;
    }
    const key = issue.path.join(".") || "body";
    fields[key] ??=
      issue.code === "invalid_type" && valueAt(input, issue.path) === undefined
        ? fieldError("required")
        : { reason: issueReason(issue), params: issueParams(issue), message: issue.message };
  }
  return fields;
}

/**
 * Parses input or throws 422 (400 for a query string) naming every bad field and its reason. Text
 * anywhere in the input (values and keys) is checked first with textProblems, whatever the schema.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: "body" | "query" = "body"): z.output<S> {
  const textual = textFaults(input);
  const result = Object.keys(textual).length ? undefined : schema.safeParse(input);
  if (result?.success) return result.data;
  const fields = result ? fieldProblems(result.error, input) : textual;
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k} ${v.message}`)
    .join("; ");
  throw domainError(where === "query" ? "invalid_query" : "invalid_request", { summary }, fields);
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}
