import { canOperateFleet, NODE_STATUSES } from "@capstan/domain";
import { type Capacity, type FleetCounts, getFleetOverview } from "@capstan/usecases";
import Link from "next/link";
import { percentOf, RequestedBar, STATUS_FILL, StatusBar } from "@/components/nodes/fleet-charts";
import { AttentionTable, RecentTransitionsTable } from "@/components/nodes/overview-tables";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageLocale, pageTranslator } from "@/lib/server/context";
import { NotAllowed } from "@/components/shell/not-allowed";

type T = Awaited<ReturnType<typeof pageTranslator>>;

// Figures in the units people read: cores and GiB (stored as millicores and MiB).
const UNITS: Record<keyof Capacity, number> = { cpu: 1000, memory: 1024, gpu: 1 };

function CapacityCells({ c, t, n }: { c: Capacity; t: T; n: (x: number) => string }) {
  return (["cpu", "memory", "gpu"] as const).map((r) => {
    const v = c[r],
      u = UNITS[r];
    const label = t("overview.requestedOf", {
      requested: n(v.requested / u),
      allocatable: n(v.allocatable / u),
      capacity: n(v.capacity / u),
      percent: percentOf(v.requested, v.allocatable),
    });
    return (
      <td key={r} className="min-w-48 py-1 pr-4 align-top">
        <RequestedBar requested={v.requested} allocatable={v.allocatable} label={label} />
        <span className="text-xs text-slate-600">{label}</span>
      </td>
    );
  });
}

function StatusRow({ name, c, t, sub }: { name: string; c: FleetCounts; t: T; sub?: boolean }) {
  const label = NODE_STATUSES.map((s) => `${t(`nodes.${s}`)} ${c.byStatus[s]}`).join(", ");
  return (
    <tr className={sub ? "text-slate-600" : "border-t border-slate-200 font-medium"}>
      <th scope="row" className={`py-1 pr-4 text-left font-normal ${sub ? "pl-4" : "font-medium"}`}>
        {name}
      </th>
      <td className="w-1/3 py-1 pr-4">
        <StatusBar counts={c.byStatus} label={label} />
      </td>
      {NODE_STATUSES.map((s) => (
        <td key={s} className="py-1 pr-4 text-right tabular-nums">
          {c.byStatus[s]}
        </td>
      ))}
      <td className="py-1 pr-4 text-right tabular-nums">{c.nodes}</td>
      <td className={`py-1 pr-4 text-right tabular-nums ${c.notReady ? "text-rose-700" : ""}`}>{c.notReady}</td>
      <td className={`py-1 text-right tabular-nums ${c.stuck ? "text-amber-700" : ""}`}>{c.stuck}</td>
    </tr>
  );
}

export default async function FleetOverviewPage() {
  const [ctx, t, locale] = await Promise.all([pageContext(), pageTranslator(), pageLocale()]);
  const crumbs = [{ href: "/nodes", label: t("nodes.title") }];
  if (!canOperateFleet(ctx.actor)) return <NotAllowed title={t("overview.title")} crumbs={crumbs} />;
  const o = await getFleetOverview(ctx);
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const n = (x: number) => num.format(x);
  const days = new Intl.NumberFormat(locale, { style: "unit", unit: "day", unitDisplay: "narrow", maximumFractionDigits: 1 });
  const hours = new Intl.NumberFormat(locale, { style: "unit", unit: "hour", unitDisplay: "narrow", maximumFractionDigits: 1 });
  const since = (iso: string) => {
    const h = (Date.parse(o.generatedAt) - Date.parse(iso)) / 3_600_000;
    return h >= 48 ? days.format(h / 24) : hours.format(h);
  };
  const head = (cells: string[]) => (
    <thead className="text-left text-xs text-slate-500">
      <tr>
        {cells.map((c, i) => (
          <th key={i} scope="col" className="py-1 pr-4 font-medium">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
  const summary: [string, number, string?][] = [
    [t("overview.nodes"), o.total.nodes],
    ...NODE_STATUSES.map((s): [string, number, string] => [t(`nodes.${s}`), o.total.byStatus[s], STATUS_FILL[s]]),
    [t("overview.notReady"), o.total.notReady, "bg-rose-500"],
    [t("overview.stuck"), o.total.stuck, "bg-amber-600"],
  ];

  return (
    <>
      <PageHeader
        title={t("overview.title")}
        crumbs={crumbs}
        actions={
          <Link href="/nodes/policy" className="btn-secondary">
            {t("policy.link")}
          </Link>
        }
      />
      <dl className="grid grid-cols-3 gap-3 sm:grid-cols-7">
        {summary.map(([label, value, dot]) => (
          <div key={label} className="card py-2">
            <dt className="flex items-center gap-1 text-xs text-slate-500">
              {dot ? <span className={`inline-block size-2 rounded-full ${dot}`} aria-hidden /> : null}
              {label}
            </dt>
            <dd className="text-2xl font-semibold tabular-nums">{n(value)}</dd>
          </div>
        ))}
      </dl>

      <section className="card space-y-2 overflow-x-auto" aria-labelledby="by-status">
        <h2 id="by-status" className="font-semibold">
          {t("overview.byStatus")}
        </h2>
        <table className="w-full text-sm">
          {head([t("nodes.cluster"), "", ...NODE_STATUSES.map((s) => t(`nodes.${s}`)), t("overview.total"), t("overview.notReady"), t("overview.stuck")])}
          <tbody>
            {o.clusters.flatMap((c) => [
              <StatusRow key={c.cluster} name={`${c.dataCentre} · ${c.cluster}`} c={c} t={t} />,
              ...c.zones.map((z) => <StatusRow key={`${c.cluster}/${z.zone}`} name={`${t("overview.zone")} ${z.zone}`} c={z} t={t} sub />),
            ])}
          </tbody>
        </table>
      </section>

      <section className="card space-y-2 overflow-x-auto" aria-labelledby="capacity">
        <h2 id="capacity" className="font-semibold">
          {t("overview.capacity")}
        </h2>
        <p className="text-xs text-slate-600">{t("overview.capacityNote")}</p>
        <table className="w-full text-sm">
          {head(["", t("overview.cpu"), t("overview.memory"), t("overview.gpu")])}
          <tbody>
            {[
              ...o.clusters.map((c) => [`${c.dataCentre} · ${c.cluster}`, c.capacity] as const),
              ...o.zones.map((z) => [`${t("overview.zone")} ${z.zone}`, z.capacity] as const),
              [t("overview.total"), o.total.capacity] as const,
            ].map(([name, c]) => (
              <tr key={name} className="border-t border-slate-200">
                <th scope="row" className="py-1 pr-4 text-left align-top font-medium">
                  {name}
                </th>
                <CapacityCells c={c} t={t} n={n} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card space-y-2 overflow-x-auto" aria-labelledby="attention">
        <h2 id="attention" className="font-semibold">
          {t("overview.attention")}
        </h2>
        {o.attention.length ? (
          <>
            <p className="text-xs text-slate-600">{t("overview.attentionShown", { shown: o.attention.length, total: o.total.attention })}</p>
            <AttentionTable rows={o.attention.map((a) => ({ ...a, inStateFor: since(a.statusChangedAt) }))} />
          </>
        ) : (
          <p className="text-sm text-slate-600">{t("overview.noAttention")}</p>
        )}
      </section>

      <section className="card space-y-2 overflow-x-auto" aria-labelledby="recent">
        <h2 id="recent" className="font-semibold">
          {t("overview.recent")}
        </h2>
        {o.recentTransitions.length ? (
          <RecentTransitionsTable rows={o.recentTransitions} />
        ) : (
          <p className="text-sm text-slate-600">{t("overview.noTransitions")}</p>
        )}
      </section>
    </>
  );
}
