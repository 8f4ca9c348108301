// Accounts, API tokens and the audit log.
import {
  AuditEventSchema,
  AuditQuery,
  itemsOf,
  keysetPageOf,
  UserListQuery,
  pageOf,
  TokenCreate,
  TokenCreatedSchema,
  TokenListQuery,
  TokenSchema,
  UserCreate,
  UserSchema,
  UserUpdate,
} from "@capstan/domain";
import { route } from "./route";

const UserPageSchema = pageOf(UserSchema);
const TokensSchema = itemsOf(TokenSchema);
const AuditEventPageSchema = keysetPageOf(AuditEventSchema);

export const listUsers = route({
  method: "GET",
  path: "/users",
  tag: "users",
  summary: "List accounts",
  query: UserListQuery,
  response: { status: 200, description: "A page of results", body: { UserPageSchema } },
});
export const createUser = route({
  method: "POST",
  path: "/users",
  tag: "users",
  summary: "Create an account",
  body: { UserCreate },
  response: { status: 201, description: "Created", body: { UserSchema } },
});
export const updateUser = route({
  method: "PATCH",
  path: "/users/{email}",
  tag: "users",
  summary: "Change an account",
  body: { UserUpdate },
  response: { status: 200, description: "The updated account", body: { UserSchema } },
});
export const listTokens = route({
  method: "GET",
  path: "/tokens",
  tag: "tokens",
  summary: "API tokens",
  description: "Platform admins may pass `user=<email>` for anyone's.",
  query: TokenListQuery,
  response: { status: 200, description: "The caller's tokens, or the user's (never the secrets)", body: { TokensSchema } },
});
export const createToken = route({
  method: "POST",
  path: "/tokens",
  tag: "tokens",
  summary: "Create an API token",
  description: "Browser sessions only: a bearer token cannot create tokens (403).",
  body: { TokenCreate },
  response: { status: 201, description: "Created; the only time the secret is returned", body: { TokenCreatedSchema } },
});
export const revokeToken = route({
  method: "DELETE",
  path: "/tokens/{id}",
  tag: "tokens",
  summary: "Revoke an API token",
  description: "The caller's own token; platform admins may revoke anyone's.",
  response: { status: 200, description: "Revoked", body: { TokenSchema } },
});
export const listAuditEvents = route({
  method: "GET",
  path: "/audit",
  tag: "audit",
  summary: "The audit log",
  query: AuditQuery,
  keyset: true,
  response: { status: 200, description: "Audit events, newest first", body: { AuditEventPageSchema } },
});
