import { auditScope, canManageFleet, canOperateFleet } from "@capstan/domain";
import {
  getDepartmentAdminDashboard,
  getDeveloperDashboard,
  getMe,
  getOpsDashboard,
  getPlatformDashboard,
  type GroupDto,
  listApplications,
  listAuditEvents,
  listDepartments,
  listGroups,
  listSystems,
  myGroupHealth,
} from "@capstan/usecases";
import Link from "next/link";
import { ActivityItem } from "@/components/audit/activity-item";
import { OpsSection } from "@/components/dashboard/ops-section";
import { DepartmentAdminSection, DeveloperSection, PlatformSection } from "@/components/dashboard/role-sections";
import { GroupPhase } from "@/components/groups/group-phase";
import { GroupsTable } from "@/components/groups/groups-table";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";

// The home page is a dashboard for the reader's roles: each role they hold adds its section (what needs
// them, with counts and links), then come the counts, their groups and systems, and recent activity.
export default async function DashboardPage() {
  const [ctx, t] = await Promise.all([pageContext(), pageTranslator()]);
  const a = ctx.actor;
  const isDeveloper = a.systems.size > 0;
  const isDepartmentAdmin = [...a.departments.values()].includes("DEPARTMENT_ADMIN");
  const [me, departments, systems, applications, mine, myGroups, health, developer, departmentAdmin, ops, platform] = await Promise.all([
    getMe(ctx),
    listDepartments(ctx, { pageSize: "1" }),
    listSystems(ctx, { pageSize: "1" }),
    listApplications(ctx, { pageSize: "1" }),
    listSystems(ctx, { mine: "true", pageSize: "10" }),
    listGroups(ctx, { mine: "true", pageSize: "10" }),
    myGroupHealth(ctx),
    isDeveloper ? getDeveloperDashboard(ctx) : null,
    isDepartmentAdmin ? getDepartmentAdminDashboard(ctx) : null,
    canOperateFleet(a) ? getOpsDashboard(ctx) : null,
    canManageFleet(a) ? getPlatformDashboard(ctx) : null,
  ]);
  const recent = auditScope(ctx.actor) === "none" ? null : await listAuditEvents(ctx, { pageSize: "8", changes: "true" });
  const stats = [
    { label: t("dashboard.departments"), value: departments.total, href: "/departments" },
    { label: t("dashboard.systems"), value: systems.total, href: "/systems" },
    { label: t("dashboard.applications"), value: applications.total, href: "/applications" },
  ];
  return (
    <>
      <PageHeader title={t("dashboard.welcome", { name: me.name })} />
      <p className="text-sm text-slate-600">
        {t("dashboard.yourRole")}: <strong>{t(`roles.${me.role ?? "none"}`)}</strong>
        {me.departments.length > 0 ? ` · ${me.departments.map((d) => `${d.displayName} (${t(`roles.${d.role}`)})`).join(", ")}` : null}
      </p>
      {platform ? <PlatformSection d={platform} t={t} /> : null}
      {/* Cluster health once: Platform health owns it where it is shown (docs/dashboards.md). */}
      {ops ? <OpsSection initial={ops} clusters={platform === null} /> : null}
      {departmentAdmin ? <DepartmentAdminSection d={departmentAdmin} t={t} /> : null}
      {developer ? <DeveloperSection d={developer} t={t} /> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        {stats.map((s) => (
          <Link key={s.href} href={s.href} className="card block hover:border-sky-400">
            <div className="text-sm text-slate-500">{s.label}</div>
            <div className="text-3xl font-semibold">{s.value}</div>
          </Link>
        ))}
      </div>
      {myGroups.total > 0 ? (
        <section className="space-y-3" aria-labelledby="my-groups">
          <h2 id="my-groups" className="text-lg font-semibold">
            {t("dashboard.myGroups")}
          </h2>
          <ul className="flex flex-wrap gap-3">
            {health.map((h) => (
              <li key={h.dataCentre} className="card flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{h.dataCentre}</span>
                {Object.entries(h.phases).map(([phase, n]) => (
                  <span key={phase} className="flex items-center gap-1">
                    <GroupPhase phase={phase as GroupDto["phase"]} /> {n}
                  </span>
                ))}
              </li>
            ))}
          </ul>
          <GroupsTable initial={myGroups} initialQ="" mine />
        </section>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card space-y-2">
          <h2 className="font-semibold">{t("dashboard.mySystems")}</h2>
          {mine.items.length === 0 ? (
            <p className="text-sm text-slate-600">{t("dashboard.noSystems")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {mine.items.map((s) => (
                <li key={s.name} className="flex justify-between py-1.5">
                  <Link className="link" href={`/systems/${s.name}`}>
                    {s.name}
                  </Link>
                  <span className="text-slate-500">{t("common.applicationCount", { count: s.applicationCount ?? 0 })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        {recent ? (
          <section className="card space-y-2">
            <h2 className="font-semibold">{t("dashboard.recent")}</h2>
            <ul className="divide-y divide-slate-100 text-sm">
              {recent.items.map((e) => (
                <li key={e.id} className="py-1.5">
                  <ActivityItem event={e} at={e.at} />
                </li>
              ))}
            </ul>
            <Link href="/audit" className="link text-sm">
              {t("nav.audit")} →
            </Link>
          </section>
        ) : null}
      </div>
    </>
  );
}
