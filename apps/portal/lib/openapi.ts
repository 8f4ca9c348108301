// The OpenAPI document, generated from the route declarations (lib/contract): each operation's
// parameters, request body and response schemas come from the zod schemas that validate and type them.
import { ERROR_REASONS, FIELD_REASONS } from "@capstan/domain";
import { z } from "zod";
import { ROUTES } from "./contract";
import { COMMON_ERRORS, componentName, type Named, type Route } from "./contract/route";

const schema = (s: z.ZodType, io: "input" | "output") => z.toJSONSchema(s, { io, unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { "application/json": { schema: ref(name) } } });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Bad request",
  401: "Not signed in",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict: duplicate, stale version or children in the way",
  413: "Body too large",
  415: "Body not JSON",
  422: "Invalid fields",
  502: "The cluster or registry answered an error",
  503: "The cluster or registry did not answer",
};

const NAME = { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" };
/** Path values by name: resource names are DNS labels, `node` a Kubernetes object name, `id` a UUID. */
const PATH_VALUES: Record<string, object> = {
  department: NAME,
  system: NAME,
  app: NAME,
  group: NAME,
  dc: NAME,
  cluster: NAME,
  email: { type: "string", format: "email" },
  node: { type: "string", maxLength: 253 },
  id: { type: "string", format: "uuid" },
  /** A push robot's own name (pushRobotName) and an image tag (the OCI distribution-spec tag grammar). */
  robot: { type: "string", maxLength: 64, pattern: "^[a-z0-9]+(?:[._-][a-z0-9]+)*$" },
  tag: { type: "string", maxLength: 128, pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$" },
  build: { type: "string", format: "uuid" },
  /** A load balancer's name (loadBalancerName) and one pod of its member groups (a DNS-1123 subdomain). */
  lb: { type: "string", maxLength: 40, pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" },
  pod: { type: "string", maxLength: 253 },
};
const pathParams = (path: string) =>
  [...path.matchAll(/\{(\w+)\}/g)].map(([, n]) => {
    const value = PATH_VALUES[n!];
    if (!value) throw new Error(`${path}: no schema for the path value {${n}}; add it to PATH_VALUES`);
    return { name: n!, in: "path", required: true, schema: value };
  });
const queryParams = (q: z.ZodObject) =>
  Object.keys(q.shape).map((n) => {
    const field = q.shape[n] as z.ZodType;
    const required = !field.safeParse(undefined).success;
    return { name: n, in: "query", ...(required ? { required } : {}), schema: schema(field, "input") };
  });
/** Query parameters of a keyset list (KeysetListQuery): `cursor` documented, `page` deprecated. */
const keysetParams = (q: z.ZodObject) =>
  queryParams(q).map((p) =>
    p.name === "cursor"
      ? { ...p, description: "The previous page's `nextCursor`; omit for the first page (newest)." }
      : p.name === "page"
        ? {
            ...p,
            deprecated: true,
            description:
              "Deprecated here: an offset, which repeats or skips rows while new ones arrive. Pass `cursor` instead; with a cursor, `page` is only echoed back.",
          }
        : p,
  );
const KEYSET =
  "Keyset pages, newest first: `{ items, total, page, pageSize, nextCursor }`; pass `nextCursor` as `cursor` for the next page (null on the last), so rows added meanwhile never repeat or skip a row.";

const answer = (description: string, body: Named | undefined) => (body ? { description, ...json(componentName(body)) } : { description });

function operation(r: Route) {
  const parameters = [...pathParams(r.path), ...(r.query ? (r.keyset ? keysetParams(r.query) : queryParams(r.query)) : [])];
  const errors = [...(r.errors ?? COMMON_ERRORS), ...(r.body ? [413, 415] : [])];
  const description = [r.description, r.keyset ? KEYSET : undefined].filter(Boolean).join(" ");
  return {
    operationId: `${r.method.toLowerCase()}${r.path.replace(/[{}]/g, "").replace(/(^|[/.-])(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`,
    tags: [r.tag],
    summary: r.summary,
    ...(description ? { description } : {}),
    ...(r.public ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(r.body ? { requestBody: { required: true, ...json(componentName(r.body)) } } : {}),
    responses: {
      [r.response.status]: r.response.text
        ? { description: r.response.description, content: { "text/plain": { schema: { type: "string" } } } }
        : answer(r.response.description, r.response.body),
      ...Object.fromEntries(Object.entries(r.other ?? {}).map(([status, o]) => [status, answer(o.description, o.body)])),
      ...Object.fromEntries(errors.map((status) => [status, { description: ERROR_DESCRIPTIONS[status]!, ...json("Error") }])),
    },
  };
}

/** Request bodies in their input form (defaults optional), responses in their output form. */
function components(routes: readonly Route[]) {
  const out: Record<string, object> = {};
  const add = (n: Named | undefined, io: "input" | "output") => {
    if (n) out[componentName(n)] ??= schema(Object.values(n)[0]!, io);
  };
  for (const r of routes) {
    add(r.body, "input");
    add(r.response.body, "output");
    for (const o of Object.values(r.other ?? {})) add(o.body, "output");
  }
  return out;
}

/** The document for `routes`: every declared route but the document's own (it does not describe itself). */
export function openApiDocument(routes: readonly Route[] = ROUTES.filter((r) => r.path !== "/openapi.json")) {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
  return {
    openapi: "3.1.0",
    info: {
      title: "Capstan API",
      version: "1.0.0",
      description:
        "Send `Authorization: Bearer <token>`; create tokens under API tokens in the portal. Any POST may carry an `Idempotency-Key` header (1–200 visible ASCII characters): a repeat with the same key and body within a day gets the first success (2xx), marked `Idempotent-Replayed: true`, instead of running again. Refusals (4xx) and failures (5xx) are not kept: a repeat runs again and answers from the current state.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message", "fields", "reason", "params", "fieldReasons"],
              properties: {
                code: { type: "string", description: "The kind of error: invalid, bad_request, not_found, conflict, stale_version …" },
                message: { type: "string", description: "What went wrong, in English" },
                fields: { type: "object", additionalProperties: { type: "string" }, description: "The English reason per field" },
                reason: {
                  type: "string",
                  enum: Object.keys(ERROR_REASONS),
                  description: "Which message this is, from Capstan's catalogue: a stable code to render `message` in another language",
                },
                params: { type: "object", additionalProperties: { type: ["string", "number"] }, description: "The values the reason's message is filled with" },
                fieldReasons: {
                  type: "object",
                  description: "Per field (the keys of `fields`): which field message it is, from Capstan's field catalogue, and its values",
                  additionalProperties: {
                    type: "object",
                    required: ["reason", "params"],
                    properties: {
                      reason: { type: "string", enum: Object.keys(FIELD_REASONS) },
                      params: { type: "object", additionalProperties: { type: ["string", "number"] } },
                    },
                  },
                },
              },
            },
          },
        },
        ...components(routes),
      },
    },
  };
}
