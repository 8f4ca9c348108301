// Departments and their members.
import {
  DepartmentCreate,
  DepartmentDetailSchema,
  DepartmentListItemSchema,
  DepartmentMemberAdd,
  DepartmentMemberSchema,
  DepartmentMemberSet,
  DepartmentMemberSetSchema,
  DepartmentSchema,
  DepartmentUpdate,
  itemsOf,
  ListQuery,
  MemberListQuery,
  pageOf,
} from "@capstan/domain";
import { route } from "./route";

const DepartmentPageSchema = pageOf(DepartmentListItemSchema);
const DepartmentMembersSchema = itemsOf(DepartmentMemberSchema);

export const listDepartments = route({
  method: "GET",
  path: "/departments",
  tag: "departments",
  summary: "List departments",
  query: ListQuery,
  response: { status: 200, description: "A page of results", body: { DepartmentPageSchema } },
});
export const createDepartment = route({
  method: "POST",
  path: "/departments",
  tag: "departments",
  summary: "Create a department",
  body: { DepartmentCreate },
  response: { status: 201, description: "Created", body: { DepartmentSchema } },
});
export const getDepartment = route({
  method: "GET",
  path: "/departments/{department}",
  tag: "departments",
  summary: "A department",
  response: { status: 200, description: "The object, with what the caller may do", body: { DepartmentDetailSchema } },
});
export const updateDepartment = route({
  method: "PATCH",
  path: "/departments/{department}",
  tag: "departments",
  summary: "Change a department",
  body: { DepartmentUpdate },
  response: { status: 200, description: "The updated object", body: { DepartmentSchema } },
});
export const deleteDepartment = route({
  method: "DELETE",
  path: "/departments/{department}",
  tag: "departments",
  summary: "Delete a department",
  response: { status: 204, description: "Deleted" },
});
export const listDepartmentMembers = route({
  method: "GET",
  path: "/departments/{department}/members",
  tag: "departments",
  summary: "A department's members",
  query: MemberListQuery,
  response: { status: 200, description: "Members and their roles, by e-mail; `q` searches e-mail and name", body: { DepartmentMembersSchema } },
});
export const addDepartmentMember = route({
  method: "POST",
  path: "/departments/{department}/members",
  tag: "departments",
  summary: "Add a member",
  body: { DepartmentMemberAdd },
  response: { status: 201, description: "Added", body: { DepartmentMemberSetSchema } },
});
export const setDepartmentMemberRole = route({
  method: "PUT",
  path: "/departments/{department}/members/{email}",
  tag: "departments",
  summary: "Change a member's role",
  body: { DepartmentMemberSet },
  response: { status: 200, description: "Role changed", body: { DepartmentMemberSetSchema } },
});
export const removeDepartmentMember = route({
  method: "DELETE",
  path: "/departments/{department}/members/{email}",
  tag: "departments",
  summary: "Remove a member",
  response: { status: 204, description: "Removed, with their system memberships" },
});
