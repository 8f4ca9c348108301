import type { QuotaRequest } from "@capstan/db";
import { type Actor, canReviewQuotaRequest, personName, type Resources } from "@capstan/domain";
import { resources } from "../quotas/quota-usage";

/** The include that gives toQuotaRequestDto its names. */
export const QUOTA_REQUEST_NAMES = {
  system: { select: { name: true, departmentId: true, department: { select: { name: true } } } },
  dataCentre: { select: { name: true } },
  requester: { select: { email: true, name: true } },
  reviewer: { select: { email: true, name: true } },
} as const;

type Named = QuotaRequest & {
  system: { name: string; departmentId: string; department: { name: string } };
  dataCentre: { name: string };
  requester: { email: string; name: string };
  reviewer: { email: string; name: string } | null;
};

export const approvedOf = (r: QuotaRequest): Resources | null =>
  r.approvedCpuMillis === null
    ? null
    : { cpuMillis: r.approvedCpuMillis, memoryMiB: r.approvedMemoryMiB ?? 0, gpu: r.approvedGpu ?? 0, instances: r.approvedInstances ?? 0 };

export const toQuotaRequestDto = (r: Named, actor: Actor) => ({
  id: r.id,
  system: r.system.name,
  department: r.system.department.name,
  dataCentre: r.dataCentre.name,
  requester: r.requester.email,
  /** How the requester is shown (personName: the display name, else the e-mail). */
  requesterName: personName(r.requester),
  /** Amounts to add to the system's quota. */
  asked: resources(r),
  /** What was granted, or (while escalated) what the department admin proposed. */
  approved: approvedOf(r),
  reason: r.reason,
  status: r.status,
  escalated: r.escalated,
  reviewer: r.reviewer?.email ?? null,
  reviewerName: r.reviewer ? personName(r.reviewer) : null,
  reviewComment: r.reviewComment,
  reviewedAt: r.reviewedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  version: r.version,
  can: { review: r.status === "PENDING" && canReviewQuotaRequest(actor, { departmentId: r.system.departmentId, escalated: r.escalated }) },
});
/** Where the portal shows a quota request (notifications link there). */
export const quotaRequestLink = (id: string) => `/quotas?request=${id}`;

export type QuotaRequestDto = ReturnType<typeof toQuotaRequestDto>;
