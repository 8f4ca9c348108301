import type { z } from "zod";
import { domainError, type FieldErrors } from "./errors";
import { textProblems } from "./text";

/** Field path → first reason, e.g. { "name": "must be a DNS-1123 label: …" }. */
export function fieldErrors(error: z.ZodError, input: unknown): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] = "is not a known field";
      continue;
    }
    const key = issue.path.join(".") || "body";
    fields[key] ??= issue.code === "invalid_type" && valueAt(input, issue.path) === undefined ? "is required" : issue.message;
  }
  return fields;
}

/**
 * Parses input or throws 422 (400 for a query string) naming every bad field and its reason. Text
 * anywhere in the input (values and keys) is checked first with textProblems, whatever the schema.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: "body" | "query" = "body"): z.output<S> {
  const textual = textProblems(input);
  const result = Object.keys(textual).length ? undefined : schema.safeParse(input);
  if (result?.success) return result.data;
  const fields = result ? fieldErrors(result.error, input) : textual;
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k} ${v}`)
    .join("; ");
  throw domainError(where === "query" ? "invalid_query" : "invalid_request", { summary }, fields);
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}
