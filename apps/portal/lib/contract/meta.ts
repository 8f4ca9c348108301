// Routes about the API itself and the caller.
import { HealthSchema, LivenessSchema, MeSchema, OpenApiSchema, PasswordChange, PasswordChangedSchema } from "@capstan/domain";
import { route } from "./route";

export const health = route({
  method: "GET",
  path: "/health",
  tag: "meta",
  summary: "Liveness and database reachability",
  public: true,
  response: { status: 200, description: "Healthy", body: { HealthSchema } },
  errors: [],
  other: { 503: { description: "Database unreachable", body: { HealthSchema } } },
});
// Kubernetes' liveness probe (deploy/): restarting pods because PostgreSQL is away would not bring it back,
// so this answers without touching the database; readiness is `health` above.
export const live = route({
  method: "GET",
  path: "/health/live",
  tag: "meta",
  summary: "Liveness: the process answers (no database)",
  public: true,
  response: { status: 200, description: "Alive", body: { LivenessSchema } },
  errors: [],
});
export const openApi = route({
  method: "GET",
  path: "/openapi.json",
  tag: "meta",
  summary: "This document",
  public: true,
  response: { status: 200, description: "The OpenAPI 3.1 document, generated from the route declarations", body: { OpenApiSchema } },
  errors: [],
});
export const me = route({
  method: "GET",
  path: "/me",
  tag: "meta",
  summary: "Who is asking",
  response: { status: 200, description: "The caller, their roles and systems", body: { MeSchema } },
});
export const changePassword = route({
  method: "POST",
  path: "/me/password",
  tag: "users",
  summary: "Change your own password",
  description: "Change your own password; other sessions end. 422 `currentPassword` when wrong, `newPassword` when common or easy to guess.",
  body: { PasswordChange },
  response: { status: 200, description: "Changed", body: { PasswordChangedSchema } },
});
