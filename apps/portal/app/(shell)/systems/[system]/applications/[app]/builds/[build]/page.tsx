import { getApplication, getBuild } from "@capstan/usecases";
import { BuildLog } from "@/components/builds/build-log";
import { buildReasonText } from "@/components/builds/build-reason";
import { buildSeconds } from "@/components/builds/build-seconds";
import { CancelBuild } from "@/components/builds/cancel-build";
import { PageHeader } from "@/components/shell/page-header";
import { Time } from "@/components/ui/time";
import { load, pageContext, pageTranslator } from "@/lib/server/context";

/** One build: what was built, how it ended, and its log (live while it runs). */
export default async function BuildPage({ params }: { params: Promise<{ system: string; app: string; build: string }> }) {
  const [ctx, t, { system, app, build: id }] = await Promise.all([pageContext(), pageTranslator(), params]);
  const [a, b] = await Promise.all([load(getApplication(ctx, system, app)), load(getBuild(ctx, system, app, id))]);
  const url = `/api/v1/systems/${system}/applications/${app}/builds/${b.id}`;
  const live = b.status === "QUEUED" || b.status === "RUNNING";
  const seconds = buildSeconds(b);
  const rows: [string, React.ReactNode][] = [
    [t("builds.status"), t(`builds.${b.status}`)],
    ...(b.reason ? ([[t("builds.reason"), buildReasonText(t, b)]] as [string, React.ReactNode][]) : []),
    [t("builds.ref"), b.ref],
    [t("builds.commit"), <code key="c">{b.commit ?? "—"}</code>],
    [t("builds.tag"), b.tag ?? "—"],
    [t("builds.digest"), <code key="d">{b.digest ?? "—"}</code>],
    [t("builds.dataCentre"), b.dataCentre],
    [t("builds.trigger"), b.trigger === "WEBHOOK" ? t("builds.byWebhook") : b.trigger === "FOLLOW" ? t("builds.byFollow") : (b.triggeredBy ?? "—")],
    [t("builds.created"), <Time key="t" at={b.createdAt} />],
    [t("builds.duration"), seconds === null ? "—" : t("builds.seconds", { count: seconds })],
  ];
  return (
    <>
      <PageHeader
        title={`${a.name} #${b.number}`}
        crumbs={[
          { href: "/systems", label: t("systems.title") },
          { href: `/systems/${system}`, label: system },
          { href: `/systems/${system}/applications/${app}`, label: app },
        ]}
        actions={a.can.write && live ? <CancelBuild url={url} number={b.number} /> : null}
      />
      <dl className="card grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="break-all">{v}</dd>
          </div>
        ))}
      </dl>
      <BuildLog url={`${url}/logs`} running={live} />
    </>
  );
}
