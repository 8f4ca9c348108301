"use client";
// Usage at a glance, department → data centre → systems: what each has, what its groups use, who is
// close to the limit. Admins set quotas in place.
import { type DepartmentQuotas, type QuotaView, RESOURCE_NAMES, type Resources } from "@capstan/domain";
import { useState } from "react";
import { useT } from "@/lib/client/i18n";
import { QuotaForm } from "@/components/quotas/quota-form";
import { fullness, QuotaMeter } from "@/components/quotas/quota-meter";

/** The API's answer, with what the reader may set (decided by the page). */
type QuotaOverviewData = DepartmentQuotas & { can: { setDepartment: boolean; setSystems: boolean } };

const nearest = (v: QuotaView) => Math.max(...RESOURCE_NAMES.map((r) => fullness(v.used[r], v.quota[r])));

function Pressure({ view }: { view: QuotaView }) {
  const t = useT();
  const share = nearest(view);
  if (!view.set) return <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{t("quotas.notSet")}</span>;
  if (share >= 1) return <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">{t("quotas.overLimit")}</span>;
  if (share >= 0.8) return <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">{t("quotas.nearLimit")}</span>;
  return null;
}

function Meters({ view, against }: { view: QuotaView; against?: Resources }) {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {RESOURCE_NAMES.map((r) => (
        <QuotaMeter key={r} resource={r} used={(against ?? view.used)[r]} limit={view.quota[r]} />
      ))}
    </div>
  );
}

function Editable({ title, url, view, children }: { title: string; url: string; view: QuotaView; children: React.ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      {children}
      <button type="button" className="link text-sm" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t("quotas.set")}
      </button>
      {open ? (
        <div className="col-span-full rounded-md border border-slate-200 p-3" role="group" aria-label={title}>
          <QuotaForm url={url} quota={view.quota} version={view.version} onDone={() => setOpen(false)} />
        </div>
      ) : null}
    </>
  );
}

export function QuotaOverview({ departments }: { departments: QuotaOverviewData[] }) {
  const t = useT();
  if (departments.length === 0) return <p className="card text-sm text-slate-600">{t("quotas.noDepartments")}</p>;
  return (
    <div className="space-y-6">
      {departments.map((d) => (
        <section key={d.department} className="card space-y-4" aria-labelledby={`dept-${d.department}`}>
          <h2 id={`dept-${d.department}`} className="text-lg font-semibold">
            {d.department}
          </h2>
          {d.items.map((dc) => (
            <div key={dc.dataCentre} className="space-y-3 border-t border-slate-100 pt-3">
              <div className="flex flex-wrap items-center gap-3">
                <h3 className="font-medium">{dc.dataCentre}</h3>
                <Pressure view={dc} />
                <span className="text-xs text-slate-500">{t("quotas.used")}</span>
              </div>
              {d.can.setDepartment ? (
                <div className="grid gap-2">
                  <Editable
                    title={t("quotas.setFor", { name: d.department, dc: dc.dataCentre })}
                    url={`/api/v1/departments/${d.department}/quotas/${dc.dataCentre}`}
                    view={dc}
                  >
                    <Meters view={dc} />
                  </Editable>
                </div>
              ) : (
                <Meters view={dc} />
              )}
              <p className="text-xs text-slate-500">{t("quotas.allocated")}</p>
              <Meters view={dc} against={dc.allocated} />
              {dc.systems.length === 0 ? (
                <p className="text-sm text-slate-500">{t("quotas.noSystems")}</p>
              ) : (
                <ul className="space-y-3">
                  {dc.systems.map((s) => (
                    <li key={s.system} className="grid gap-2 rounded-md bg-slate-50 p-3">
                      <div className="flex items-center gap-3">
                        <a className="link font-mono text-sm" href={`/systems/${s.system}`}>
                          {s.system}
                        </a>
                        <Pressure view={s} />
                      </div>
                      {d.can.setSystems ? (
                        <Editable
                          title={t("quotas.setFor", { name: s.system, dc: dc.dataCentre })}
                          url={`/api/v1/systems/${s.system}/quotas/${dc.dataCentre}`}
                          view={s}
                        >
                          <Meters view={s} />
                        </Editable>
                      ) : (
                        <Meters view={s} />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
