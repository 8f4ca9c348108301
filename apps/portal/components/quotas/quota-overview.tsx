"use client";
// Usage at a glance, department → data centre → systems: what each has, what its groups use, who is
// close to the limit. Admins set quotas in place. Meters size to their card (a container query), not to
// the window, so they never overprint beside the request form; systems without a quota fold away.
import { type DepartmentQuotas, type QuotaView, RESOURCE_NAMES, type Resources } from "@capstan/domain";
import { useState } from "react";
import { useT } from "@/lib/client/i18n";
import { meteredResources, splitSystems } from "@/components/quotas/amounts";
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
  const used = against ?? view.used;
  const shown = meteredResources(used, view.quota);
  if (shown.length === 0) return null;
  return (
    <div className="@container">
      <div className="grid grid-cols-1 gap-3 @xs:grid-cols-2 @2xl:grid-cols-4">
        {shown.map((r) => (
          <QuotaMeter key={r} resource={r} used={used[r]} limit={view.quota[r]} />
        ))}
      </div>
    </div>
  );
}

function Editable({ title, url, view, children }: { title: string; url: string; view: QuotaView; children: React.ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      {children}
      <button type="button" className="link justify-self-start text-sm" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t("quotas.set")}
      </button>
      {open ? (
        <div className="col-span-full rounded-md border border-slate-200 p-3 @container" role="group" aria-label={title}>
          <QuotaForm url={url} quota={view.quota} version={view.version} onDone={() => setOpen(false)} />
        </div>
      ) : null}
    </>
  );
}

function SystemQuota({ s, dataCentre, canSet }: { s: QuotaView & { system: string }; dataCentre: string; canSet: boolean }) {
  const t = useT();
  return (
    <li className="grid min-w-0 gap-2 rounded-md bg-slate-50 p-3">
      <div className="flex items-center gap-3">
        <a className="link font-mono text-sm" href={`/systems/${s.system}`}>
          {s.system}
        </a>
        <Pressure view={s} />
      </div>
      {canSet ? (
        <Editable title={t("quotas.setFor", { name: s.system, dc: dataCentre })} url={`/api/v1/systems/${s.system}/quotas/${dataCentre}`} view={s}>
          <Meters view={s} />
        </Editable>
      ) : (
        <Meters view={s} />
      )}
    </li>
  );
}

/** A data centre's systems: those with a quota (or a use) listed, the others behind a disclosure. */
function Systems({ dc, canSet }: { dc: DepartmentQuotas["items"][number]; canSet: boolean }) {
  const t = useT();
  const { shown, without } = splitSystems(dc.systems);
  return (
    <>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-500">{t("quotas.noSystems")}</p>
      ) : (
        <ul className="space-y-3">
          {shown.map((s) => (
            <SystemQuota key={s.system} s={s} dataCentre={dc.dataCentre} canSet={canSet} />
          ))}
        </ul>
      )}
      {without.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">{t("quotas.withoutQuota", { count: without.length })}</summary>
          <ul className="mt-2 space-y-2">
            {without.map((s) => (
              <SystemQuota key={s.system} s={s} dataCentre={dc.dataCentre} canSet={canSet} />
            ))}
          </ul>
        </details>
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
        <section key={d.department} className="card min-w-0 space-y-4" aria-labelledby={`dept-${d.department}`}>
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
              <Systems dc={dc} canSet={d.can.setSystems} />
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
