import { canOperateFleet, NODE_STATUSES } from "@capstan/domain";
import { getFleetOverview } from "@capstan/usecases";
import Link from "next/link";
import { FleetDensity } from "@/components/metrics/fleet-density";
import { STATUS_FILL } from "@/components/nodes/fleet-charts";
import { AttentionTable, CapacityTable, RecentTransitionsTable, StatusPivot } from "@/components/nodes/overview-tables";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageLocale, pageTranslator } from "@/lib/server/context";
import { NotAllowed } from "@/components/shell/not-allowed";

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
        <StatusPivot clusters={o.clusters} />
      </section>

      <section className="card space-y-2 overflow-x-auto" aria-labelledby="capacity">
        <h2 id="capacity" className="font-semibold">
          {t("overview.capacity")}
        </h2>
        <p className="text-xs text-slate-600">{t("overview.capacityNote")}</p>
        <CapacityTable
          label={t("overview.byCluster")}
          nameHeader={t("nodes.cluster")}
          rows={o.clusters.map((c) => ({ name: `${c.dataCentre} · ${c.cluster}`, capacity: c.capacity }))}
          total={o.total.capacity}
        />
        <CapacityTable label={t("overview.byZone")} nameHeader={t("overview.zone")} rows={o.zones.map((z) => ({ name: z.zone, capacity: z.capacity }))} />
      </section>

      <FleetDensity />

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
