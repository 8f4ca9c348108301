// Quotas of departments and systems, and the requests for more.
import {
  DepartmentQuotaSchema,
  DepartmentQuotasSchema,
  keysetPageOf,
  QuotaRequestApprove,
  QuotaRequestCreate,
  QuotaRequestListQuery,
  QuotaRequestReject,
  QuotaRequestSchema,
  QuotaSet,
  SystemQuotaSchema,
  SystemQuotasSchema,
} from "@capstan/domain";
import { route } from "./route";

const QuotaRequestPageSchema = keysetPageOf(QuotaRequestSchema);

export const getDepartmentQuotas = route({
  method: "GET",
  path: "/departments/{department}/quotas",
  tag: "quotas",
  summary: "A department's quotas",
  response: {
    status: 200,
    description: "The department's quota, what it handed to its systems and what their groups use, per data centre",
    body: { DepartmentQuotasSchema },
  },
});
export const getDepartmentQuota = route({
  method: "GET",
  path: "/departments/{department}/quotas/{dc}",
  tag: "quotas",
  summary: "A department's quota in one data centre",
  response: { status: 200, description: "The department's quota in one data centre, with each system's share", body: { DepartmentQuotaSchema } },
});
export const setDepartmentQuota = route({
  method: "PUT",
  path: "/departments/{department}/quotas/{dc}",
  tag: "quotas",
  summary: "Set a department's quota",
  body: { QuotaSet },
  response: { status: 200, description: "Set (platform admins). 409 when below what its systems were given", body: { DepartmentQuotaSchema } },
});
export const getSystemQuotas = route({
  method: "GET",
  path: "/systems/{system}/quotas",
  tag: "quotas",
  summary: "A system's quotas",
  response: { status: 200, description: "The system's quota, use and headroom per data centre", body: { SystemQuotasSchema } },
});
export const getSystemQuota = route({
  method: "GET",
  path: "/systems/{system}/quotas/{dc}",
  tag: "quotas",
  summary: "A system's quota in one data centre",
  response: { status: 200, description: "The system's quota, use and headroom in one data centre", body: { SystemQuotaSchema } },
});
export const setSystemQuota = route({
  method: "PUT",
  path: "/systems/{system}/quotas/{dc}",
  tag: "quotas",
  summary: "Set a system's quota",
  body: { QuotaSet },
  response: { status: 200, description: "Set (department admins). 409 beyond the department's quota or below what is in use", body: { SystemQuotaSchema } },
});
export const listQuotaRequests = route({
  method: "GET",
  path: "/quota-requests",
  tag: "quotas",
  summary: "Quota requests",
  query: QuotaRequestListQuery,
  keyset: true,
  response: { status: 200, description: "Quota requests the caller may see, newest first", body: { QuotaRequestPageSchema } },
});
export const createQuotaRequest = route({
  method: "POST",
  path: "/quota-requests",
  tag: "quotas",
  summary: "Ask for more quota",
  body: { QuotaRequestCreate },
  response: { status: 201, description: "Asked; the department's admins decide", body: { QuotaRequestSchema } },
});
export const approveQuotaRequest = route({
  method: "POST",
  path: "/quota-requests/{id}/approve",
  tag: "quotas",
  summary: "Approve a quota request",
  body: { QuotaRequestApprove },
  response: { status: 200, description: "Approved, or forwarded to platform admins when beyond the department's quota", body: { QuotaRequestSchema } },
});
export const rejectQuotaRequest = route({
  method: "POST",
  path: "/quota-requests/{id}/reject",
  tag: "quotas",
  summary: "Reject a quota request",
  body: { QuotaRequestReject },
  response: { status: 200, description: "Rejected, with the reviewer's comment", body: { QuotaRequestSchema } },
});
