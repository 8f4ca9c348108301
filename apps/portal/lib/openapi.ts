// The OpenAPI document, built from the same zod schemas that validate requests.
import {
  ERROR_REASONS,
  FIELD_REASONS,
  ApplicationCreate,
  ApplicationUpdate,
  AuditQuery,
  ClusterCreate,
  ClusterUpdate,
  DataCentreCreate,
  DataCentreUpdate,
  DepartmentCreate,
  DepartmentMemberAdd,
  DepartmentMemberSet,
  DepartmentUpdate,
  GroupCreate,
  GroupRollback,
  GroupRollout,
  GroupRevisionListQuery,
  GroupScale,
  GroupUpdate,
  LabelPolicySet,
  ListQuery,
  MemberListQuery,
  NodeBulkTransitionRequest,
  NodeInitChecksSet,
  NodeLabelsUpdate,
  NodeListQuery,
  NodeTransitionRequest,
  PlacementPreview,
  QuotaRequestApprove,
  QuotaRequestCreate,
  QuotaRequestListQuery,
  QuotaRequestReject,
  QuotaSet,
  SystemCreate,
  SystemMemberAdd,
  SystemUpdate,
  PasswordChange,
  TokenCreate,
  TokenListQuery,
  UserCreate,
  UserUpdate,
} from "@capstan/domain";
import { z } from "zod";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { "application/json": { schema: ref(name) } } });
const errors = {
  "400": { description: "Bad request", ...json("Error") },
  "401": { description: "Not signed in", ...json("Error") },
  "403": { description: "Not allowed", ...json("Error") },
  "404": { description: "Not found", ...json("Error") },
  "409": { description: "Conflict: duplicate, stale version or children in the way", ...json("Error") },
  "422": { description: "Invalid fields", ...json("Error") },
};
const ok = (description: string) => ({ "200": { description }, ...errors });
const name = (n: string) => ({ name: n, in: "path", required: true, schema: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" } });
const emailParam = { name: "email", in: "path", required: true, schema: { type: "string", format: "email" } };
const groupParams = [name("system"), name("app"), name("group")];
const nodeParam = { name: "node", in: "path", required: true, schema: { type: "string", maxLength: 253 } };
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const queryParams = (q: z.ZodObject) => Object.keys(q.shape).map((n) => ({ name: n, in: "query", schema: schema(q.shape[n] as z.ZodType) }));
const listParams = queryParams(ListQuery);
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
const body = (n: string) => ({ requestBody: { required: true, ...json(n) } });
const crud = (tag: string, params: object[], create?: string) => ({
  get: { tags: [tag], parameters: [...params, ...listParams], responses: ok("A page of results") },
  ...(create ? { post: { tags: [tag], parameters: params, ...body(create), responses: { "201": { description: "Created" }, ...errors } } } : {}),
});
const item = (tag: string, params: object[], update: string) => ({
  get: { tags: [tag], parameters: params, responses: ok("The object") },
  patch: { tags: [tag], parameters: params, ...body(update), responses: ok("The updated object") },
  delete: { tags: [tag], parameters: params, responses: { "204": { description: "Deleted" }, ...errors } },
});

export function openApiDocument() {
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
    paths: {
      "/health": { get: { security: [], tags: ["meta"], responses: { "200": { description: "Healthy" }, "503": { description: "Database unreachable" } } } },
      "/me": { get: { tags: ["meta"], responses: ok("The caller, their roles and systems") } },
      "/departments": crud("departments", [], "DepartmentCreate"),
      "/departments/{department}": item("departments", [name("department")], "DepartmentUpdate"),
      "/systems": crud("systems", [], "SystemCreate"),
      "/systems/{system}": item("systems", [name("system")], "SystemUpdate"),
      "/systems/{system}/members": {
        get: {
          tags: ["systems"],
          parameters: [name("system"), ...queryParams(MemberListQuery)],
          responses: ok("Members, by e-mail; `q` searches e-mail and name"),
        },
        post: { tags: ["systems"], parameters: [name("system")], ...body("SystemMemberAdd"), responses: { "201": { description: "Added" }, ...errors } },
      },
      "/systems/{system}/members/{email}": {
        delete: { tags: ["systems"], parameters: [name("system"), emailParam], responses: { "204": { description: "Removed" }, ...errors } },
      },
      "/systems/{system}/applications": crud("applications", [name("system")], "ApplicationCreate"),
      "/systems/{system}/applications/{app}": item("applications", [name("system"), name("app")], "ApplicationUpdate"),
      "/applications": crud("applications", []),
      "/groups": crud("groups", []),
      "/systems/{system}/applications/{app}/groups": crud("groups", [name("system"), name("app")], "GroupCreate"),
      "/systems/{system}/applications/{app}/groups/{group}": {
        ...item("groups", groupParams, "GroupUpdate"),
        delete: {
          tags: ["groups"],
          parameters: groupParams,
          responses: { "202": { description: "Deletion requested; the orchestrator removes the group's objects, then the group" }, ...errors },
        },
      },
      "/systems/{system}/applications/{app}/groups/{group}/scale": {
        post: { tags: ["groups"], parameters: groupParams, ...body("GroupScale"), responses: ok("The group with its new replica count") },
      },
      "/systems/{system}/applications/{app}/groups/{group}/rollout": {
        post: {
          tags: ["groups"],
          parameters: groupParams,
          ...body("GroupRollout"),
          responses: ok("The group at its new revision; pods are replaced a few at a time. 409 when the image already runs or `version` is stale"),
        },
      },
      "/systems/{system}/applications/{app}/groups/{group}/rollback": {
        post: {
          tags: ["groups"],
          parameters: groupParams,
          ...body("GroupRollback"),
          responses: ok(
            "The group at a new revision with the recorded spec; the replica count stays. 404 naming `revision` when there is none, 409 when it is the current spec",
          ),
        },
      },
      "/systems/{system}/applications/{app}/groups/{group}/restart": {
        post: {
          tags: ["groups"],
          parameters: groupParams,
          responses: ok("The group at a new revision with a new restart time; every pod is replaced a few at a time, as `kubectl rollout restart` does"),
        },
      },
      "/systems/{system}/applications/{app}/groups/{group}/revisions": {
        get: {
          tags: ["groups"],
          description: KEYSET,
          parameters: [...groupParams, ...keysetParams(GroupRevisionListQuery)],
          responses: ok("The release history, newest first: revision, when, who, change cause and the fields changed since the revision before"),
        },
      },
      "/departments/{department}/members": {
        get: {
          tags: ["departments"],
          parameters: [name("department"), ...queryParams(MemberListQuery)],
          responses: ok("Members and their roles, by e-mail; `q` searches e-mail and name"),
        },
        post: {
          tags: ["departments"],
          parameters: [name("department")],
          ...body("DepartmentMemberAdd"),
          responses: { "201": { description: "Added" }, ...errors },
        },
      },
      "/departments/{department}/members/{email}": {
        put: { tags: ["departments"], parameters: [name("department"), emailParam], ...body("DepartmentMemberSet"), responses: ok("Role changed") },
        delete: {
          tags: ["departments"],
          parameters: [name("department"), emailParam],
          responses: { "204": { description: "Removed, with their system memberships" }, ...errors },
        },
      },
      "/users": crud("users", [], "UserCreate"),
      "/users/{email}": { patch: { tags: ["users"], parameters: [emailParam], ...body("UserUpdate"), responses: ok("The updated account") } },
      "/data-centres": crud("fleet", [], "DataCentreCreate"),
      "/data-centres/{dc}": item("fleet", [name("dc")], "DataCentreUpdate"),
      "/clusters": crud("fleet", [], "ClusterCreate"),
      "/clusters/{cluster}": item("fleet", [name("cluster")], "ClusterUpdate"),
      "/clusters/{cluster}/check": {
        post: { tags: ["fleet"], parameters: [name("cluster")], responses: ok("The cluster's recorded health after contacting it") },
      },
      "/departments/{department}/quotas": {
        get: {
          tags: ["quotas"],
          parameters: [name("department")],
          responses: ok("The department's quota, what it handed to its systems and what their groups use, per data centre"),
        },
      },
      "/departments/{department}/quotas/{dc}": {
        get: {
          tags: ["quotas"],
          parameters: [name("department"), name("dc")],
          responses: ok("The department's quota in one data centre, with each system's share"),
        },
        put: {
          tags: ["quotas"],
          parameters: [name("department"), name("dc")],
          ...body("QuotaSet"),
          responses: ok("Set (platform admins). 409 when below what its systems were given"),
        },
      },
      "/systems/{system}/quotas": {
        get: { tags: ["quotas"], parameters: [name("system")], responses: ok("The system's quota, use and headroom per data centre") },
      },
      "/systems/{system}/quotas/{dc}": {
        get: { tags: ["quotas"], parameters: [name("system"), name("dc")], responses: ok("The system's quota, use and headroom in one data centre") },
        put: {
          tags: ["quotas"],
          parameters: [name("system"), name("dc")],
          ...body("QuotaSet"),
          responses: ok("Set (department admins). 409 beyond the department's quota or below what is in use"),
        },
      },
      "/systems/{system}/applications/{app}/images": {
        get: {
          tags: ["applications"],
          parameters: [name("system"), name("app"), { name: "dataCentre", in: "query", required: true, schema: { type: "string" } }],
          responses: ok(
            "The application's image tags in that data centre's Harbor, newest first, with digest and push time, and where to push: `registry` (Harbor's host) and `pushTo` (`<registry>/<system>/<app>`); 502 when the registry does not answer or answers an error (the message gives its status, never its body)",
          ),
        },
      },
      "/systems/{system}/placement-preview": {
        post: {
          tags: ["groups"],
          parameters: [name("system")],
          ...body("PlacementPreview"),
          responses: ok("Matching nodes, free capacity and replicas that fit per cluster, quota headroom and label conflicts; nothing is created"),
        },
      },
      "/quota-requests": {
        get: {
          tags: ["quotas"],
          description: KEYSET,
          parameters: keysetParams(QuotaRequestListQuery),
          responses: ok("Quota requests the caller may see, newest first"),
        },
        post: { tags: ["quotas"], ...body("QuotaRequestCreate"), responses: { "201": { description: "Asked; the department's admins decide" }, ...errors } },
      },
      "/quota-requests/{id}/approve": {
        post: {
          tags: ["quotas"],
          parameters: [idParam],
          ...body("QuotaRequestApprove"),
          responses: ok("Approved, or forwarded to platform admins when beyond the department's quota"),
        },
      },
      "/quota-requests/{id}/reject": {
        post: { tags: ["quotas"], parameters: [idParam], ...body("QuotaRequestReject"), responses: ok("Rejected, with the reviewer's comment") },
      },
      "/nodes": {
        get: {
          tags: ["nodes"],
          description: "Nodes from PostgreSQL. Keyset pages: pass the previous page's `nextCursor` as `cursor`.",
          parameters: Object.keys(NodeListQuery.shape).map((n) => ({ name: n, in: "query", schema: { type: "string" } })),
          responses: ok("A page of nodes with `nextCursor`"),
        },
      },
      "/nodes/overview": {
        get: {
          tags: ["nodes"],
          description:
            "Aggregated in PostgreSQL: nodes by status per cluster and zone; capacity, allocatable and requested (Pending and Running pods' requests, not measured usage) CPU, memory and GPU; nodes NotReady or stuck in a state with their last transition; the 20 latest transitions.",
          responses: ok("The fleet overview; its size grows with clusters and zones, not nodes"),
        },
      },
      "/nodes/{cluster}/{node}": {
        get: {
          tags: ["nodes"],
          parameters: [name("cluster"), nodeParam],
          responses: ok("The node with its pods, conditions, labels, taints and transition history"),
        },
      },
      "/nodes/{cluster}/{node}/transition": {
        post: {
          tags: ["nodes"],
          parameters: [name("cluster"), nodeParam],
          description:
            "OFFLINE cordons and drains the node by kubectl drain's rules: DaemonSet and mirror pods stay; pods with no controller (without `force`) or with emptyDir data (without `deleteEmptyDirData`) stop the drain before anything is evicted, and the transition's result names them (`detail.blocked`); PodDisruptionBudgets are honoured. OFFLINE again on an OFFLINE node whose drain has not succeeded repeats the drain with the new options.",
          ...body("NodeTransitionRequest"),
          responses: ok("The node in its new state; the worker then reshapes the Kubernetes Node"),
        },
      },
      "/nodes/{cluster}/{node}/labels": {
        put: {
          tags: ["nodes"],
          parameters: [name("cluster"), nodeParam],
          ...body("NodeLabelsUpdate"),
          responses: ok("The node; 422 names labels that break the label policy"),
        },
      },
      "/nodes/transitions": {
        post: {
          tags: ["nodes"],
          ...body("NodeBulkTransitionRequest"),
          responses: { "202": { description: "Accepted: `{ id, total }`; follow /nodes/transitions/{id}" }, ...errors },
        },
      },
      "/nodes/transitions/{id}": {
        get: { tags: ["nodes"], parameters: [idParam], responses: ok("Progress and the result per node") },
      },
      "/label-policy": {
        get: { tags: ["nodes"], responses: ok("Zones, dedicated zones, resource flags, exclusive sets and the version; anyone signed in") },
        put: {
          tags: ["nodes"],
          description:
            "Platform admins replace the whole policy. 409 when the version is stale or a removed zone or flag is still used (the fields name the nodes and groups); 422 for exclusive sets with unknown labels.",
          ...body("LabelPolicySet"),
          responses: ok("The policy as saved"),
        },
      },
      "/node-init-checks": {
        get: { tags: ["nodes"], responses: ok("The INIT → WAIT checks; version 0 while the worker's environment gives the defaults") },
        put: {
          tags: ["nodes"],
          description: "Platform admins; nodes still in INIT are checked again.",
          ...body("NodeInitChecksSet"),
          responses: ok("The checks as saved"),
        },
      },
      "/audit": { get: { tags: ["audit"], description: KEYSET, parameters: keysetParams(AuditQuery), responses: ok("Audit events, newest first") } },
      "/tokens": {
        get: {
          tags: ["tokens"],
          description: "Platform admins may pass `user=<email>` for anyone's.",
          parameters: queryParams(TokenListQuery),
          responses: ok("The caller's tokens, or the user's (never the secrets)"),
        },
        post: {
          tags: ["tokens"],
          description: "Browser sessions only: a bearer token cannot create tokens (403).",
          ...body("TokenCreate"),
          responses: { "201": { description: "Created; the only time the secret is returned" }, ...errors },
        },
      },
      "/tokens/{id}": {
        delete: {
          tags: ["tokens"],
          description: "The caller's own token; platform admins may revoke anyone's.",
          parameters: [idParam],
          responses: ok("Revoked"),
        },
      },
      "/me/password": {
        post: {
          tags: ["users"],
          description: "Change your own password; other sessions end. 422 `currentPassword` when wrong, `newPassword` when common or easy to guess.",
          ...body("PasswordChange"),
          responses: ok("Changed"),
        },
      },
    },
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
        DepartmentCreate: schema(DepartmentCreate),
        DepartmentUpdate: schema(DepartmentUpdate),
        SystemCreate: schema(SystemCreate),
        SystemUpdate: schema(SystemUpdate),
        SystemMemberAdd: schema(SystemMemberAdd),
        ApplicationCreate: schema(ApplicationCreate),
        ApplicationUpdate: schema(ApplicationUpdate),
        TokenCreate: schema(TokenCreate),
        PasswordChange: schema(PasswordChange),
        UserCreate: schema(UserCreate),
        UserUpdate: schema(UserUpdate),
        DepartmentMemberAdd: schema(DepartmentMemberAdd),
        DepartmentMemberSet: schema(DepartmentMemberSet),
        DataCentreCreate: schema(DataCentreCreate),
        DataCentreUpdate: schema(DataCentreUpdate),
        ClusterCreate: schema(ClusterCreate),
        GroupCreate: schema(GroupCreate),
        GroupUpdate: schema(GroupUpdate),
        GroupScale: schema(GroupScale),
        QuotaSet: schema(QuotaSet),
        LabelPolicySet: schema(LabelPolicySet),
        NodeInitChecksSet: schema(NodeInitChecksSet),
        PlacementPreview: schema(PlacementPreview),
        QuotaRequestCreate: schema(QuotaRequestCreate),
        QuotaRequestApprove: schema(QuotaRequestApprove),
        QuotaRequestReject: schema(QuotaRequestReject),
        GroupRollout: schema(GroupRollout),
        GroupRollback: schema(GroupRollback),
        ClusterUpdate: schema(ClusterUpdate),
        NodeTransitionRequest: schema(NodeTransitionRequest),
        NodeBulkTransitionRequest: schema(NodeBulkTransitionRequest),
        NodeLabelsUpdate: schema(NodeLabelsUpdate),
      },
    },
  };
}
