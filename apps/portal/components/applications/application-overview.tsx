"use client";
// One view of an application: what runs where. Its groups by data centre and cluster, each with image tag
// and pinned digest, ready/desired replicas, status and last rollout; per tag, whether every group runs
// the same digest; and the last finished build. Refreshes live.
import type { ApplicationOverview as Overview } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { causeText } from "@/components/groups/change-cause";
import { GroupPhase } from "@/components/groups/group-phase";
import { type Column, Table } from "@/components/ui/data-table";
import { Digest } from "@/components/ui/digest";
import { Time } from "@/components/ui/time";

type OverviewGroup = Overview["dataCentres"][number]["clusters"][number]["groups"][number];

/** The overview as the server rendered it first (`initial`), then polled every 3 s. */
export function ApplicationOverview({ initial }: { initial: Overview }) {
  const t = useT();
  const url = `/api/v1/systems/${initial.system}/applications/${initial.application}/overview`;
  const { data: o } = useQuery({ queryKey: [url], queryFn: () => apiFetch<Overview>(url), initialData: initial, refetchInterval: 3000 });
  const columns: Column<OverviewGroup>[] = [
    {
      accessorKey: "name",
      header: t("common.name"),
      cell: ({ row: { original: g } }) => (
        <Link className="link font-medium" href={`/systems/${o.system}/applications/${o.application}/groups/${g.name}`}>
          {g.name}
        </Link>
      ),
    },
    { accessorKey: "imageTag", header: t("groups.image"), cell: ({ row: { original: g } }) => <code className="text-xs">{g.imageTag}</code> },
    { header: t("groups.digest"), cell: ({ row: { original: g } }) => <Digest digest={g.imageDigest} /> },
    { header: t("groups.ready"), cell: ({ row: { original: g } }) => `${g.readyReplicas}/${g.replicas}` },
    {
      accessorKey: "phase",
      header: t("groups.phase"),
      cell: ({ row: { original: g } }) => (
        <>
          <GroupPhase phase={g.phase} />
          {g.statusReason ? (
            <span className="ml-2 text-xs text-slate-600" title={g.statusMessage ?? undefined}>
              {g.statusReason}
            </span>
          ) : null}
        </>
      ),
    },
    {
      header: t("applications.lastRollout"),
      cell: ({ row: { original: g } }) =>
        g.lastRollout ? (
          <span className="text-xs">
            <Time at={g.lastRollout.at} /> · {g.lastRollout.by ?? t("applications.bySystem")} · {causeText(t, g.lastRollout)}
          </span>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <section className="space-y-3" aria-labelledby="app-overview">
      <h2 id="app-overview" className="text-lg font-semibold">
        {t("applications.overview")}
      </h2>
      <div className="card flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <div>
          <span className="text-slate-500">{t("applications.lastBuild")}: </span>
          {o.lastBuild ? (
            <>
              {t("applications.buildLine", {
                number: o.lastBuild.number,
                status: t(`applications.${o.lastBuild.status}`),
                tag: o.lastBuild.imageTag ?? o.lastBuild.commitSha?.slice(0, 7) ?? "—",
              })}
              {o.lastBuild.finishedAt ? (
                <>
                  {" · "}
                  <Time at={o.lastBuild.finishedAt} />
                </>
              ) : null}
            </>
          ) : (
            t("applications.noBuild")
          )}
        </div>
        {o.tags.length ? (
          <ul aria-label={t("applications.sameDigest")} className="space-y-0.5">
            {o.tags.map((tag) => (
              <li key={tag.tag} className={tag.same ? "text-emerald-800" : "text-amber-800"}>
                {tag.same
                  ? `✓ ${t("applications.sameDigestYes", { tag: tag.tag, groups: tag.groups })}`
                  : tag.digests.length > 1
                    ? `≠ ${t("applications.sameDigestNo", { tag: tag.tag, digests: tag.digests.length, groups: tag.groups })}`
                    : `? ${t("applications.sameDigestUnknown", { tag: tag.tag, unpinned: tag.unpinned })}`}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {o.dataCentres.length === 0 ? <p className="card text-sm text-slate-500">{t("applications.overviewNone")}</p> : null}
      {o.dataCentres.map((dc) => (
        <div key={dc.dataCentre} className="card space-y-3" role="group" aria-label={dc.dataCentre}>
          <h3 className="font-semibold">{dc.dataCentre}</h3>
          {dc.clusters.map((c) => (
            <div key={c.cluster} className="space-y-1">
              <h4 className="text-xs text-slate-500">{t("applications.overviewCluster", { cluster: c.cluster })}</h4>
              <Table columns={columns} rows={c.groups} rowKey={(g) => g.name} label={`${dc.dataCentre} · ${c.cluster}`} />
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
