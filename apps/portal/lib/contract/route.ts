// One declaration per /api/v1 operation: method, path, request (query and body schemas), response and
// errors. The OpenAPI document (lib/openapi.ts) is generated from these; api() (lib/server/api.ts) takes
// the declaration, so a handler's parameters and answer are checked against it by the type checker.
import type { z } from "zod";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

/** The statuses refusals use (DomainError); each operation lists those it may answer beyond these. */
export const COMMON_ERRORS = [400, 401, 403, 404, 409, 422] as const;
export type ErrorStatus = (typeof COMMON_ERRORS)[number] | 413 | 415 | 429 | 502 | 503;

/** A schema with the name it has among the OpenAPI document's components: `{ DepartmentCreate }`. */
export type Named<S extends z.ZodType = z.ZodType> = Record<string, S>;

/** The names in a path template: "/systems/{system}/members/{email}" → "system" | "email". */
export type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;
/** Path values as the handler receives them, by name. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string };

/**
 * One operation. `path` is relative to /api/v1 with `{name}` for path values; `response.body` is absent for
 * answers without a body (204, or the 202 of a deletion). `public`: needs no credentials.
 */
export interface Route<P extends string = string, M extends Method = Method, B extends z.ZodType | undefined = z.ZodType | undefined> {
  method: M;
  path: P;
  tag: string;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  /** Query parameters of a keyset list: `cursor` documented, `page` deprecated. */
  keyset?: boolean;
  body?: Named;
  /** `body` names the schema of the answer's JSON (`{ GroupSchema }`); `schema` is that schema (set by route()); `text`: the answer is text/plain (a log). */
  response: { status: 200 | 201 | 202 | 204; description: string; body?: Named; schema: B; text?: true };
  /** The refusal statuses it may answer (each with the Error body); COMMON_ERRORS when absent. */
  errors?: readonly ErrorStatus[];
  /** Answers other than the success and the refusals, e.g. health's 503 with its own body. */
  other?: Record<number, { description: string; body?: Named }>;
  public?: boolean;
}

/** The JSON a route answers with, as its response schema describes it (void when it has none). */
export type ResponseOf<R extends Route> = R["response"]["schema"] extends z.ZodType ? z.input<R["response"]["schema"]> : void;

/**
 * Declares an operation; `response.body` names its schema (`{ SystemSchema }`: the component is named
 * without the `Schema` suffix). Keeps the literal path and method for the types above.
 */
export function route<const P extends string, const M extends Method, B extends z.ZodType | undefined = undefined>(
  r: Omit<Route<P, M, B>, "response"> & { response: { status: Route["response"]["status"]; description: string; body?: Named<NonNullable<B>>; text?: true } },
): Route<P, M, B> {
  const schema = (r.response.body ? Object.values(r.response.body)[0] : undefined) as B;
  return { ...r, response: { ...r.response, schema } };
}

/** The component name of a named schema: `{ GroupSchema }` → "Group", `{ DepartmentCreate }` → "DepartmentCreate". */
export const componentName = (n: Named) => Object.keys(n)[0]!.replace(/Schema$/, "");
