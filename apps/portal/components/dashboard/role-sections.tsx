// The dashboard's sections per role (apps/portal/app/(shell)/page.tsx), rendered on the server from the
// dashboard use cases: each says what needs the reader, with counts and links, or that nothing does.
import { readableCpu, readableMemory } from "@capstan/domain";
import type { getDepartmentAdminDashboard, getDeveloperDashboard, getPlatformDashboard } from "@capstan/usecases";
import Link from "next/link";
import { causeText } from "@/components/groups/change-cause";
import { GroupPhase } from "@/components/groups/group-phase";
import { reconcileReasonText } from "@/components/ui/reconcile-failure";
import { Time } from "@/components/ui/time";
import type { Translate } from "@/messages";
import { Card, ClusterList, groupHref, RequestList, Role, rows } from "./dashboard-parts";

type Data<F extends (...a: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export function DeveloperSection({ d, t }: { d: Data<typeof getDeveloperDashboard>; t: Translate }) {
  return (
    <Role id="dash-developer" title={t("dashboard.developer")}>
      <Card
        id="dash-unhealthy"
        title={t("dashboard.unhealthyGroups")}
        count={d.unhealthyGroups.total}
        empty={d.unhealthyGroups.total ? null : t("dashboard.noUnhealthyGroups")}
      >
        <ul className={rows}>
          {d.unhealthyGroups.items.map((g) => (
            <li key={groupHref(g)} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <Link className="link" href={groupHref(g)}>
                {g.system}/{g.application}/{g.group}
              </Link>
              <span className="flex items-center gap-2 text-slate-600">
                {g.dataCentre} <GroupPhase phase={g.phase} />
                {g.lastErrorReason ? <code className="text-xs">{g.lastErrorReason}</code> : null}
              </span>
            </li>
          ))}
        </ul>
        {d.unhealthyGroups.total > d.unhealthyGroups.items.length ? (
          <Link className="link text-sm" href="/groups">
            {t("dashboard.allGroups")} →
          </Link>
        ) : null}
      </Card>
      <Card id="dash-rollouts" title={t("dashboard.recentRollouts")} empty={d.recentRollouts.length ? null : t("dashboard.noRollouts")}>
        <ul className={rows}>
          {d.recentRollouts.map((r) => (
            <li key={`${groupHref(r)}#${r.revision}`} className="space-y-0.5 py-1.5">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link className="link" href={groupHref(r)}>
                  {r.group} · {t("dashboard.revision", { revision: r.revision })}
                </Link>
                {r.state === "SUPERSEDED" ? <span className="text-xs text-slate-500">{t("dashboard.superseded")}</span> : <GroupPhase phase={r.state} />}
              </div>
              <div className="text-xs text-slate-500">
                {r.system}/{r.application}
                {r.changeCause ? ` · ${causeText(t, r)}` : ""} · <Time at={r.at} relative />
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <Card id="dash-headroom" title={t("dashboard.quotaHeadroom")} empty={d.quotas.length ? null : t("dashboard.noQuotas")}>
        <ul className={rows}>
          {d.quotas.map((q) => (
            <li key={`${q.system}/${q.dataCentre}`} className="py-1.5">
              <div className="flex items-center justify-between gap-2">
                <Link className="link" href={`/quotas?system=${q.system}&dataCentre=${q.dataCentre}`}>
                  {t("dashboard.quotaIn", { system: q.system, dataCentre: q.dataCentre })}
                </Link>
                {q.nearLimit.length ? <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-800">{t("dashboard.nearLimitBadge")}</span> : null}
              </div>
              <div className="text-xs text-slate-600">
                {t("dashboard.free", {
                  cpu: readableCpu(q.free.cpuMillis),
                  memory: readableMemory(q.free.memoryMiB),
                  gpu: q.free.gpu,
                  instances: q.free.instances,
                })}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </Role>
  );
}

export function DepartmentAdminSection({ d, t }: { d: Data<typeof getDepartmentAdminDashboard>; t: Translate }) {
  return (
    <Role id="dash-department" title={t("dashboard.departmentAdmin")}>
      <Card
        id="dash-requests"
        title={t("dashboard.requestsToReview")}
        count={d.requestsToReview.total}
        empty={d.requestsToReview.total ? null : t("dashboard.noRequests")}
      >
        <RequestList requests={d.requestsToReview.oldest} t={t} />
        <Link className="link text-sm" href="/quotas">
          {t("dashboard.reviewOnQuotas")} →
        </Link>
      </Card>
      <Card id="dash-near-limit" title={t("dashboard.nearLimit")} count={d.nearLimit.total} empty={d.nearLimit.total ? null : t("dashboard.noneNearLimit")}>
        <ul className={rows}>
          {d.nearLimit.items.map((q) => (
            <li key={`${q.system}/${q.dataCentre}`} className="flex flex-wrap justify-between gap-2 py-1.5">
              <Link className="link" href={`/quotas?system=${q.system}&dataCentre=${q.dataCentre}`}>
                {t("dashboard.quotaIn", { system: q.system, dataCentre: q.dataCentre })}
              </Link>
              <span className="text-xs text-slate-600">{q.nearLimit.map((r) => t(`dashboard.resource.${r}`)).join(" · ")}</span>
            </li>
          ))}
        </ul>
      </Card>
    </Role>
  );
}

export function PlatformSection({ d, t }: { d: Data<typeof getPlatformDashboard>; t: Translate }) {
  const f = d.failingReconciles;
  return (
    <Role id="dash-platform" title={t("dashboard.platform")}>
      <Card
        id="dash-all-clusters"
        title={t("dashboard.clusters")}
        count={d.clusters.filter((c) => c.status !== "HEALTHY").length}
        empty={d.clusters.length ? null : t("dashboard.noClusters")}
      >
        <ClusterList clusters={d.clusters} t={t} />
        <div className="border-t border-slate-100 pt-2">
          <h4 className="text-sm font-medium">{t("dashboard.registries")}</h4>
          <ul className={rows}>
            {d.registries.map((r) => (
              <li key={r.dataCentre} className="py-1.5">
                <div className="flex justify-between gap-2">
                  <Link className="link" href={`/data-centres/${r.dataCentre}`}>
                    {r.dataCentre}
                  </Link>
                  <span className={`text-xs ${r.failingProjects ? "text-amber-800" : "text-emerald-700"}`}>
                    {r.failingProjects ? t("dashboard.failingProjects", { count: r.failingProjects }) : t("dashboard.registryOk")}
                  </span>
                </div>
                {r.lastError ? (
                  <div className="text-xs break-all text-slate-600">
                    {r.lastErrorReason ? `${reconcileReasonText(t, r.lastErrorReason)}: ` : null}
                    {r.lastError}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      </Card>
      <Card id="dash-failing" title={t("dashboard.failingReconciles")} count={f.total} empty={f.total ? null : t("dashboard.noFailing")}>
        <p className="text-sm text-slate-600">
          {t("dashboard.failingCounts", { groups: f.groups, nodes: f.nodes, namespaces: f.namespaces, projects: f.projects })}
        </p>
        <ul className={rows}>
          {f.latestGroups.map((g) => (
            <li key={groupHref(g)} className="flex flex-wrap justify-between gap-2 py-1.5">
              <Link className="link" href={groupHref(g)}>
                {g.system}/{g.application}/{g.group}
              </Link>
              <span className="text-xs">{reconcileReasonText(t, g.reason)}</span>
            </li>
          ))}
          {f.latestNodes.map((n) => (
            <li key={`${n.cluster}/${n.node}`} className="flex flex-wrap justify-between gap-2 py-1.5">
              <Link className="link" href={`/nodes/${n.cluster}/${n.node}`}>
                {n.node}
              </Link>
              <span className="text-xs">{reconcileReasonText(t, n.reason)}</span>
            </li>
          ))}
        </ul>
      </Card>
      <Card
        id="dash-escalations"
        title={t("dashboard.escalations")}
        count={d.escalations.total}
        empty={d.escalations.total ? null : t("dashboard.noEscalations")}
      >
        <RequestList requests={d.escalations.oldest} t={t} />
      </Card>
    </Role>
  );
}
