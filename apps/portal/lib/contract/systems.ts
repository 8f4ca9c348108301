// Systems and their members.
import {
  itemsOf,
  SystemListQuery,
  MemberListQuery,
  pageOf,
  SystemCreate,
  SystemDetailSchema,
  SystemMemberAdd,
  SystemMemberAddedSchema,
  SystemMemberSchema,
  SystemSchema,
  SystemUpdate,
} from "@capstan/domain";
import { route } from "./route";

const SystemPageSchema = pageOf(SystemSchema);
const SystemMembersSchema = itemsOf(SystemMemberSchema);

export const listSystems = route({
  method: "GET",
  path: "/systems",
  tag: "systems",
  summary: "List systems",
  query: SystemListQuery,
  response: { status: 200, description: "A page of results", body: { SystemPageSchema } },
});
export const createSystem = route({
  method: "POST",
  path: "/systems",
  tag: "systems",
  summary: "Create a system",
  body: { SystemCreate },
  response: { status: 201, description: "Created", body: { SystemSchema } },
});
export const getSystem = route({
  method: "GET",
  path: "/systems/{system}",
  tag: "systems",
  summary: "A system",
  response: { status: 200, description: "The object, with what the caller may do", body: { SystemDetailSchema } },
});
export const updateSystem = route({
  method: "PATCH",
  path: "/systems/{system}",
  tag: "systems",
  summary: "Change a system",
  body: { SystemUpdate },
  response: { status: 200, description: "The updated object", body: { SystemSchema } },
});
export const deleteSystem = route({
  method: "DELETE",
  path: "/systems/{system}",
  tag: "systems",
  summary: "Delete a system",
  response: { status: 204, description: "Deleted" },
});
export const listSystemMembers = route({
  method: "GET",
  path: "/systems/{system}/members",
  tag: "systems",
  summary: "A system's members",
  query: MemberListQuery,
  response: { status: 200, description: "Members, by e-mail; `q` searches e-mail and name", body: { SystemMembersSchema } },
});
export const addSystemMember = route({
  method: "POST",
  path: "/systems/{system}/members",
  tag: "systems",
  summary: "Add a member",
  body: { SystemMemberAdd },
  response: { status: 201, description: "Added", body: { SystemMemberAddedSchema } },
});
export const removeSystemMember = route({
  method: "DELETE",
  path: "/systems/{system}/members/{email}",
  tag: "systems",
  summary: "Remove a member",
  response: { status: 204, description: "Removed" },
});
